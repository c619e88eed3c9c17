"use client";
// The sign-in form of both portals (SPEC §4, §5): "Email", "Password", "Sign in".
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import type { PortalId } from "@/lib/auth/portals";
import type { SignInField } from "@/lib/auth/validation";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";

/** The form's words; MyChildren's passes them in the family's language. */
export interface SignInText {
  email: string;
  password: string;
  submit: string;
}

const ENGLISH: SignInText = { email: "Email", password: "Password", submit: "Sign in" };

export function SignInForm({
  portal,
  action,
  next,
  text = ENGLISH,
}: {
  portal: PortalId;
  text?: SignInText;
  action: (state: FormState<SignInField | "next">, formData: FormData) => Promise<FormState<SignInField | "next">>;
  /** Where to go once signed in (checked again on the server). */
  next: string | null;
}) {
  const [state, formAction] = useActionState<FormState<SignInField | "next">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-6 space-y-5">
      <FormMessage state={state} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <TextField name="email" label={text.email} type="email" autoComplete="username" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <TextField name="password" label={text.password} type="password" autoComplete="current-password" error={state.fieldErrors?.password} />
      <SubmitButton portal={portal}>{text.submit}</SubmitButton>
    </form>
  );
}
