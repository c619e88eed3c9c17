"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { verifyEmail } from "./actions";

/** One button to confirm: a link scanner that merely opens the emailed link verifies nothing. */
export function VerifyForm({ token, signInHref = "/mypatients/login" }: { token: string; signInHref?: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(verifyEmail, EMPTY_FORM_STATE);
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
        <form action={formAction}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton>Verify my email</SubmitButton>
        </form>
      )}
    </div>
  );
}
