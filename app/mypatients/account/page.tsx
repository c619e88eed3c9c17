import type { Metadata } from "next";
import { ChangePasswordForm } from "@/app/_components/password-forms";
import { ConfirmTwoStepForm, DisableTwoStepForm, StartTwoStepForm } from "@/app/_components/two-step-forms";
import { TwoStepSetup } from "@/app/_components/two-step-setup";
import { requireProvider } from "@/lib/auth/current-user";
import { twoStepStatus } from "@/lib/auth/two-step-pages";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { changeMyPassword, confirmTwoStep, disableTwoStep, startTwoStep } from "./actions";

export const metadata: Metadata = { title: "Account" };

/** "Account" (SPEC §4, §5, §7): change password; two-step sign-in (turn on / off). */
export default async function MyPatientsAccount() {
  const me = await requireProvider();
  const { enabledAt, enrolment } = await twoStepStatus(me.providerId);
  const required = env().REQUIRE_TWO_STEP;
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
      <section id="two-step" aria-labelledby="two-step-heading" className="mt-10">
        <h2 id="two-step-heading" className="text-lg font-semibold">
          Two-step sign-in
        </h2>
        {enabledAt ? (
          <>
            <p className="mt-1 text-slate-700">
              On since {formatDateTime(enabledAt)}. After your password, sign-in asks for a code from your authenticator app or a recovery code.
            </p>
            {required ? (
              <p className="mt-2 text-slate-700">It is required for every MyPatients account, so it cannot be turned off.</p>
            ) : (
              <DisableTwoStepForm action={disableTwoStep} />
            )}
          </>
        ) : enrolment ? (
          <>
            <TwoStepSetup enrolment={enrolment} />
            <ConfirmTwoStepForm action={confirmTwoStep} />
          </>
        ) : (
          <>
            <p className="mt-1 text-slate-700">Off. With it on, signing in also asks for a code from an authenticator app on your phone, so a stolen password alone does not open your account.</p>
            <StartTwoStepForm action={startTwoStep} />
          </>
        )}
      </section>
    </div>
  );
}
