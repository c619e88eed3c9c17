"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";

/** "Sign in with hospital account": a form, so it works without JavaScript too. */
export function StaffSignInButton({ action }: { action: (state: FormState<never>, formData: FormData) => Promise<FormState<never>> }) {
  const [state, formAction] = useActionState<FormState<never>, FormData>(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="mt-6 space-y-4">
      <FormMessage state={state} />
      <SubmitButton portal="staff">Sign in with hospital account</SubmitButton>
    </form>
  );
}
