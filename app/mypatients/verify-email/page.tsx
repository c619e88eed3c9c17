import type { Metadata } from "next";
import Link from "next/link";
import { signInUrl } from "@/lib/auth/portals";
import { inspectVerification, pendingRegistration, VERIFICATION_PROBLEMS } from "@/lib/auth/registration";
import { safeReturnPath, withReturnPath } from "@/lib/auth/return-path";
import { db } from "@/lib/db";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Verify your email" };

/** Where the "Verify your MyPatients email" link leads (`?token=`). Opening it changes nothing. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token, next: requested } = await searchParams;
  // Where an invited provider goes after signing in (a safe MyPatients path), from the emailed link.
  const next = safeReturnPath("mypatients", requested);
  const state = await inspectVerification(db(), token);
  const registration = state === "valid" ? await pendingRegistration(db(), token) : null;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Verify your email</h1>
      {state === "valid" && typeof token === "string" ? (
        <>
          <p className="mt-2 text-slate-700">Confirm that this address is yours to activate your MyPatients account.</p>
          {registration ? (
            <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white px-4 py-3">
              <dt className="font-medium">Name</dt>
              <dd>{registration.fullName}</dd>
              <dt className="font-medium">NPI</dt>
              <dd>{registration.npi}</dd>
              <dt className="font-medium">Practice</dt>
              <dd>{registration.practiceName}</dd>
            </dl>
          ) : null}
          <p className="mt-4 text-slate-700">If you did not register, choose &quot;This wasn&apos;t me&quot;: the registration is cancelled and nothing else changes.</p>
          <VerifyForm token={token} signInHref={signInUrl("mypatients", next)} />
        </>
      ) : (
        <>
          <p role="alert" className="mt-6 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-red-900">
            {VERIFICATION_PROBLEMS[state === "valid" ? "unknown" : state]}
          </p>
          <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
            <Link href={signInUrl("mypatients", next)} className="font-medium text-brand-700 underline underline-offset-4">
              Sign in
            </Link>
            <Link href={withReturnPath("/mypatients/register", next)} className="font-medium text-brand-700 underline underline-offset-4">
              Register
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
