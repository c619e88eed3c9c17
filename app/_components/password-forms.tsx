"use client";
// The account forms of both portals (SPEC §4, §5): "Reset your password", the reset link's form,
// "Change password" in Account, and MyChildren's "Add a child".
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import { PORTALS, type PortalId } from "@/lib/auth/portals";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";

type Action<Field extends string> = (state: FormState<Field>, formData: FormData) => Promise<FormState<Field>>;

// Each form's words, in English unless the page passes them (MyChildren's, in the family's language).
export interface ForgotPasswordText {
  email: string;
  submit: string;
}
export interface ResetPasswordText {
  newPassword: string;
  hint: string;
  submit: string;
  signIn: string;
}
export interface ChangePasswordText {
  currentPassword: string;
  newPassword: string;
  hint: string;
  submit: string;
}
export interface AddChildText {
  code: string;
  hint: string;
  submit: string;
}

export function ForgotPasswordForm({ portal, action, text = { email: "Email", submit: "Send reset link" } }: { portal: PortalId; action: Action<"email">; text?: ForgotPasswordText }) {
  const [state, formAction] = useActionState<FormState<"email">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-6 space-y-5">
      <FormMessage state={state} />
      <TextField name="email" label={text.email} type="email" autoComplete="username" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <SubmitButton portal={portal}>{text.submit}</SubmitButton>
    </form>
  );
}

/** One button to spend the link: a link scanner that merely opens the emailed link changes nothing. */
export function ResetPasswordForm({
  portal,
  token,
  action,
  text = { newPassword: "New password", hint: "At least 12 characters.", submit: "Set new password", signIn: `Sign in to ${PORTALS[portal].name}` },
}: {
  portal: PortalId;
  token: string;
  action: Action<"token" | "password">;
  text?: ResetPasswordText;
}) {
  const [state, formAction] = useActionState<FormState<"token" | "password">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  if (state.ok) {
    return (
      <div className="mt-6 space-y-4">
        <FormMessage state={state} />
        <p>
          <Link href={PORTALS[portal].login} className="font-medium text-brand-700 underline underline-offset-4">
            {text.signIn}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-6 space-y-5">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField name="password" label={text.newPassword} type="password" autoComplete="new-password" hint={text.hint} error={state.fieldErrors?.password} />
      <SubmitButton portal={portal}>{text.submit}</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm({
  portal,
  action,
  text = { currentPassword: "Current password", newPassword: "New password", hint: "At least 12 characters.", submit: "Change password" },
}: {
  portal: PortalId;
  action: Action<"currentPassword" | "newPassword">;
  text?: ChangePasswordText;
}) {
  const [state, formAction] = useActionState<FormState<"currentPassword" | "newPassword">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-5">
      <FormMessage state={state} />
      <TextField name="currentPassword" label={text.currentPassword} type="password" autoComplete="current-password" error={state.fieldErrors?.currentPassword} />
      <TextField name="newPassword" label={text.newPassword} type="password" autoComplete="new-password" hint={text.hint} error={state.fieldErrors?.newPassword} />
      <SubmitButton portal={portal}>{text.submit}</SubmitButton>
    </form>
  );
}

/** "Add a child" in MyChildren's Account: an activation code from the hospital. */
export function AddChildForm({ action, text }: { action: Action<"code">; text: AddChildText }) {
  const [state, formAction] = useActionState<FormState<"code">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-5">
      <FormMessage state={state} />
      <TextField name="code" label={text.code} autoComplete="off" hint={text.hint} error={state.fieldErrors?.code} />
      <SubmitButton portal="mychildren">{text.submit}</SubmitButton>
    </form>
  );
}
