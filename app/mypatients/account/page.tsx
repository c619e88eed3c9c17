import type { Metadata } from "next";
import { ChangePasswordForm } from "@/app/_components/password-forms";
import { requireProvider } from "@/lib/auth/current-user";
import { changeMyPassword } from "./actions";

export const metadata: Metadata = { title: "Account" };

/** "Account" (SPEC §4, §5): change password. */
export default async function MyPatientsAccount() {
  const me = await requireProvider();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
      <p className="mt-2 text-slate-700">
        Signed in as {me.fullName} ({me.email}).
      </p>
      <section aria-labelledby="change-password" className="mt-8">
        <h2 id="change-password" className="text-lg font-semibold">
          Change password
        </h2>
        <p className="mt-1 text-slate-700">Changing it signs out every other session of your account.</p>
        <ChangePasswordForm portal="mypatients" action={changeMyPassword} />
      </section>
    </div>
  );
}
