import type { Metadata } from "next";
import Link from "next/link";
import { signInUrl } from "@/lib/auth/portals";
import { safeReturnPath } from "@/lib/auth/return-path";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation";
import { RegistrationForm } from "./registration-form";

export const metadata: Metadata = { title: "MyPatients Registration" };

export default async function MyPatientsRegistration({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // An invitation's destination (Validate a Token with its MRN), kept through verification and sign-in.
  const next = safeReturnPath("mypatients", (await searchParams).next);
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">MyPatients Registration</h1>
      <p className="mt-2 text-slate-700">Create your provider account. We email you a link to confirm your address before you can sign in.</p>
      <RegistrationForm
        passwordHint={`At least ${MIN_PASSWORD_LENGTH} characters. A passphrase of several words works well.`}
        next={next}
      />
      <p className="mt-8 border-t border-slate-200 pt-4 text-slate-700">
        Already registered?{" "}
        <Link href={signInUrl("mypatients", next)} className="font-medium text-brand-700 underline underline-offset-4">
          Sign in
        </Link>
      </p>
    </div>
  );
}
