import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/app/_components/sign-in-form";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { returnPathOrHome, safeReturnPath } from "@/lib/auth/return-path";
import { signIn } from "./actions";

export const metadata: Metadata = { title: "Sign in to MyChildren's" };

export default async function MyChildrenSignIn({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next, registered } = await searchParams;
  if (await getFamilyAccount()) redirect(returnPathOrHome("mychildren", next));
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to MyChildren&apos;s</h1>
      <p className="mt-2 text-slate-700">For patients, parents and guardians.</p>
      {registered ? (
        <p className="mt-4 rounded-md border-l-4 border-green-700 bg-green-50 px-4 py-3 text-green-900">Your account is ready. Sign in with its email and password.</p>
      ) : null}
      <SignInForm portal="mychildren" action={signIn} next={safeReturnPath("mychildren", next)} />
      <p className="mt-4">
        <Link href="/mychildren/forgot-password" className="font-medium text-brand-700 underline underline-offset-4">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-6 text-sm">
        Have an activation code from the hospital? <Link href="/mychildren/register" className="font-medium text-family-700 underline">Join MyChildren&apos;s</Link>
      </p>
    </div>
  );
}
