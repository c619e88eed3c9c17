"use client";
// The account forms of both portals (SPEC §4, §5): "Reset your password", the reset link's form,
// "Change password" in Account, and MyChildren's "Add a child".
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import { PORTALS, type PortalId } from "@/lib/auth/portals";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";

type Action<Field extends string> = (state: FormState<Field>, formData: FormData) => Promise<FormState<Field>>;

export function ForgotPasswordForm({ portal, action }: { portal: PortalId; action: Action<"email"> }) {
  const [state, formAction] = useActionState<FormState<"email">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-6 space-y-5">
      <FormMessage state={state} />
      <TextField name="email" label="Email" type="email" autoComplete="username" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <SubmitButton portal={portal}>Send reset link</SubmitButton>
    </form>
  );
}

/** One button to spend the link: a link scanner that merely opens the emailed link changes nothing. */
export function ResetPasswordForm({ portal, token, action }: { portal: PortalId; token: string; action: Action<"token" | "password"> }) {
  const [state, formAction] = useActionState<FormState<"token" | "password">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  if (state.ok) {
    return (
      <div className="mt-6 space-y-4">
        <FormMessage state={state} />
        <p>
          <Link href={PORTALS[portal].login} className="font-medium text-brand-700 underline underline-offset-4">
            Sign in to {PORTALS[portal].name}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-6 space-y-5">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField name="password" label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." error={state.fieldErrors?.password} />
      <SubmitButton portal={portal}>Set new password</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm({ portal, action }: { portal: PortalId; action: Action<"currentPassword" | "newPassword"> }) {
  const [state, formAction] = useActionState<FormState<"currentPassword" | "newPassword">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-5">
      <FormMessage state={state} />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={state.fieldErrors?.currentPassword} />
      <TextField name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 12 characters." error={state.fieldErrors?.newPassword} />
      <SubmitButton portal={portal}>Change password</SubmitButton>
    </form>
  );
}

/** "Add a child" in MyChildren's Account: an activation code from the hospital. */
export function AddChildForm({ action }: { action: Action<"code"> }) {
  const [state, formAction] = useActionState<FormState<"code">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-5">
      <FormMessage state={state} />
      <TextField name="code" label="Activation code" autoComplete="off" hint="The code the hospital gave you, like ABCD-EFGH-JKMN-PQRS." error={state.fieldErrors?.code} />
      <SubmitButton portal="mychildren">Add a child</SubmitButton>
    </form>
  );
}
