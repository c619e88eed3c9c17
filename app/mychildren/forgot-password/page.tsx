import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/app/_components/password-forms";
import { sendResetLink } from "./actions";

export const metadata: Metadata = { title: "Reset your password" };

/** "Reset your password" (SPEC §4, §5): the same answer whether or not the email has an account. */
export default function MyChildrensForgotPassword() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Reset your password</h1>
      <p className="mt-2 text-slate-700">Enter the email of your MyChildren&apos;s account. We will send it a link to choose a new password.</p>
      <ForgotPasswordForm portal="mychildren" action={sendResetLink} />
      <p className="mt-8 border-t border-slate-200 pt-4">
        <Link href="/mychildren/login" className="font-medium text-brand-700 underline underline-offset-4">
          Back to sign-in
        </Link>
      </p>
    </div>
  );
}
