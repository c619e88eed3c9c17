"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { cancelRegistrationAction, verifyEmail } from "./actions";

/**
 * One button to confirm, and one to say "This wasn't me": a link scanner that merely opens the
 * emailed link verifies (or cancels) nothing.
 */
export function VerifyForm({ token, signInHref = "/mypatients/login" }: { token: string; signInHref?: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(verifyEmail, EMPTY_FORM_STATE);
  const [cancelled, cancelAction] = useActionState<FormState, FormData>(cancelRegistrationAction, EMPTY_FORM_STATE);
  if (cancelled.message) {
    return (
      <div className="mt-6 space-y-4">
        <FormMessage state={cancelled} />
      </div>
    );
  }
  return (
    <div className="mt-6 space-y-4">
      <FormMessage state={state} />
      {state.message ? (
        <p>
          <Link href={signInHref} className="font-medium text-brand-700 underline underline-offset-4">
            Sign in to MyPatients
          </Link>
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-4">
          <form action={formAction}>
            <input type="hidden" name="token" value={token} />
            <SubmitButton>Verify my email</SubmitButton>
          </form>
          <form action={cancelAction}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="rounded-md border border-slate-400 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
              This wasn&apos;t me
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
