"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";

/** "Sign in with hospital account": a form, so it works without JavaScript too. */
export function StaffSignInButton({ action, next }: { action: (state: FormState<"next">, formData: FormData) => Promise<FormState<"next">>; next: string | null }) {
  const [state, formAction] = useActionState<FormState<"next">, FormData>(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="mt-6 space-y-4">
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <SubmitButton portal="staff">Sign in with hospital account</SubmitButton>
    </form>
  );
}
