import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/app/_components/password-forms";
import { inspectPasswordReset, RESET_PROBLEMS } from "@/lib/auth/password-reset";
import { db } from "@/lib/db";
import { setNewPassword } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

/** Where the reset email's link leads (`?token=`). Opening it changes nothing; the form spends it. */
export default async function MyChildrensResetPassword({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const state = await inspectPasswordReset(db(), "mychildren", token);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      {state === "valid" && typeof token === "string" ? (
        <>
          <p className="mt-2 text-slate-700">Setting a new password signs your MyChildren&apos;s account out everywhere.</p>
          <ResetPasswordForm portal="mychildren" token={token} action={setNewPassword} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-6 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-red-900">
            {RESET_PROBLEMS[state === "valid" ? "unknown" : state]}
          </p>
          <p className="mt-4">
            <Link href="/mychildren/forgot-password" className="font-medium text-brand-700 underline underline-offset-4">
              Ask for a new link
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
