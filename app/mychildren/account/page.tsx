import type { Metadata } from "next";
import { AddChildForm, ChangePasswordForm } from "@/app/_components/password-forms";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { addChildAction, changeMyPassword } from "./actions";

export const metadata: Metadata = { title: "Account" };

/** "Account" (SPEC §5): change password; "Add a child" with an activation code. */
export default async function MyChildrensAccount() {
  const me = await requireFamilyAccount();
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
        <ChangePasswordForm portal="mychildren" action={changeMyPassword} />
      </section>
      <section aria-labelledby="add-child" className="mt-10">
        <h2 id="add-child" className="text-lg font-semibold">
          Add a child
        </h2>
        <p className="mt-1 text-slate-700">Enter the activation code the hospital gave you to add a patient to this account.</p>
        <AddChildForm action={addChildAction} />
      </section>
    </div>
  );
}
