import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/app/_components/sign-in-form";
import { getProvider } from "@/lib/auth/current-user";
import { returnPathOrHome, safeReturnPath, withReturnPath } from "@/lib/auth/return-path";
import { signIn } from "./actions";

export const metadata: Metadata = { title: "Sign in to MyPatients" };

export default async function MyPatientsSignIn({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  if (await getProvider()) redirect(returnPathOrHome("mypatients", next));
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to MyPatients</h1>
      <p className="mt-2 text-slate-700">For community providers: physicians, nurse practitioners and their colleagues.</p>
      <SignInForm portal="mypatients" action={signIn} next={safeReturnPath("mypatients", next)} />
      <p className="mt-4">
        <Link href="/mypatients/forgot-password" className="font-medium text-brand-700 underline underline-offset-4">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-8 border-t border-slate-200 pt-4 text-slate-700">
        New to MyPatients?{" "}
        <Link href={withReturnPath("/mypatients/register", safeReturnPath("mypatients", next))} className="font-medium text-brand-700 underline underline-offset-4">
          Create an account
        </Link>
      </p>
    </div>
  );
}
