"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SelectField, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import type { RegistrationField } from "@/lib/auth/validation";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { register } from "./actions";

export function RegistrationForm({ practices, passwordHint }: { practices: { value: string; label: string }[]; passwordHint: string }) {
  const [state, formAction] = useActionState<FormState<RegistrationField>, FormData>(register, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  const { values, fieldErrors } = state;
  return (
    <div className="mt-6 space-y-5">
      {/* One live region for both outcomes, so the confirmation is announced too. */}
      <FormMessage state={state} />
      {state.ok ? (
        <p>
          <Link href="/mypatients/login" className="font-medium text-brand-700 underline underline-offset-4">
            Go to sign-in
          </Link>
        </p>
      ) : (
        <form ref={formRef} action={formAction} noValidate className="space-y-5">
          <TextField name="fullName" label="Full name" autoComplete="name" defaultValue={values?.fullName} error={fieldErrors?.fullName} />
          <TextField name="email" label="Email" type="email" autoComplete="email" defaultValue={values?.email} error={fieldErrors?.email} hint="We send a link to this address to confirm it is yours." />
          <TextField name="npi" label="NPI" inputMode="numeric" autoComplete="off" defaultValue={values?.npi} error={fieldErrors?.npi} hint="Your 10-digit National Provider Identifier." />
          <SelectField name="practiceId" label="Practice" placeholder="Choose your practice" options={practices} defaultValue={values?.practiceId} error={fieldErrors?.practiceId} />
          <TextField name="password" label="Password" type="password" autoComplete="new-password" error={fieldErrors?.password} hint={passwordHint} />
          <SubmitButton>Create account</SubmitButton>
        </form>
      )}
    </div>
  );
}
