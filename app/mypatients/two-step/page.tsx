import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmTwoStepForm, SecondStepForm } from "@/app/_components/two-step-forms";
import { TwoStepSetup } from "@/app/_components/two-step-setup";
import { getProvider } from "@/lib/auth/current-user";
import { getPendingSignIn } from "@/lib/auth/pending-sign-in";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { twoStepStatus } from "@/lib/auth/two-step-pages";
import { enrolAtSignIn, submitSecondStep } from "./actions";

export const metadata: Metadata = { title: "Two-step sign-in" };

/** The second step of MyPatients' sign-in (SPEC §7), or enrolment when two-step sign-in is required. */
export default async function MyPatientsTwoStep({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  const returnPath = returnPathOrHome("mypatients", typeof next === "string" ? next : undefined);
  const pending = await getPendingSignIn();
  const enrolment = pending?.purpose === "ENROL" ? (await twoStepStatus(pending.providerId)).enrolment : null;
  // Confirming enrolment at sign-in opens the session, and the page is drawn again: the same form
  // stays in place (so the recovery codes it shows are not lost), now as signed in.
  const signedIn = !pending && (await getProvider()) !== null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Two-step sign-in</h1>
      {enrolment || signedIn ? (
        <>
          <p className="mt-2 text-slate-700">
            {signedIn ? "You are signed in to MyPatients." : "Two-step sign-in is required for every MyPatients account. Set it up now to finish signing in."}
          </p>
          {enrolment ? <TwoStepSetup enrolment={enrolment} /> : null}
          <ConfirmTwoStepForm action={enrolAtSignIn} continueTo={returnPath} signedIn={signedIn} />
        </>
      ) : !pending ? (
        <p className="mt-4 text-slate-700">
          This sign-in has expired.{" "}
          <Link href="/mypatients/login" className="font-medium text-brand-700 underline underline-offset-4">
            Sign in again
          </Link>{" "}
          with your email and password.
        </p>
      ) : pending.purpose === "CODE" ? (
        <>
          <p className="mt-2 text-slate-700">Enter the code your authenticator app shows for MyPatients. No phone? Use one of your recovery codes.</p>
          <SecondStepForm action={submitSecondStep} next={returnPath} />
        </>
      ) : (
        <p className="mt-4 text-slate-700">
          <Link href="/mypatients/login" className="font-medium text-brand-700 underline underline-offset-4">
            Sign in again
          </Link>{" "}
          with your email and password.
        </p>
      )}
    </div>
  );
}
