import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/app/_components/sign-in-form";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { returnPathOrHome, safeReturnPath } from "@/lib/auth/return-path";
import { signIn } from "./actions";

export const metadata: Metadata = { title: "Sign in to MyChildren's" };

export default async function MyChildrenSignIn({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  if (await getFamilyAccount()) redirect(returnPathOrHome("mychildren", next));
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to MyChildren&apos;s</h1>
      <p className="mt-2 text-slate-700">For patients, parents and guardians.</p>
      <SignInForm portal="mychildren" action={signIn} next={safeReturnPath("mychildren", next)} />
    </div>
  );
}
