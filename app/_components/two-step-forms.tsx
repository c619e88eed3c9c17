"use client";
// The forms of two-step sign-in (MyPatients): turning it on and off in Account, and the second
// step of sign-in.
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";

type Action<State> = (state: State, formData: FormData) => Promise<State>;
type EnrolmentState = FormState<"code"> & { recoveryCodes?: string[] };

export function StartTwoStepForm({ action }: { action: Action<FormState> }) {
  const [state, formAction] = useActionState<FormState, FormData>(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} noValidate className="mt-4 space-y-5">
      <FormMessage state={state} />
      <SubmitButton>Turn on two-step sign-in</SubmitButton>
    </form>
  );
}

/** The recovery codes of a confirmed enrolment, shown this once. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="rounded-md border border-slate-300 bg-white p-4">
      <h3 className="font-semibold">Your recovery codes</h3>
      <p className="mt-1 text-slate-700">Each works once, instead of a code from your app. Keep them somewhere safe.</p>
      <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-2 gap-2 font-mono">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}

/** "Confirm" with one code from the app; then the recovery codes (and, at sign-in, the way on). */
export function ConfirmTwoStepForm({ action, continueTo, signedIn = false }: { action: Action<EnrolmentState>; continueTo?: string; signedIn?: boolean }) {
  const [state, formAction] = useActionState<EnrolmentState, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  if (signedIn && !state.recoveryCodes) {
    return (
      <p className="mt-4">
        <Link href={continueTo ?? "/mypatients"} className="font-medium text-brand-700 underline underline-offset-4">
          Continue to MyPatients
        </Link>
      </p>
    );
  }
  if (state.ok && state.recoveryCodes) {
    return (
      <div className="mt-4 space-y-4">
        <FormMessage state={state} />
        <RecoveryCodes codes={state.recoveryCodes} />
        <p>
          <Link href={continueTo ?? "/mypatients/account"} className="font-medium text-brand-700 underline underline-offset-4">
            {continueTo ? "Continue to MyPatients" : "Done"}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-5">
      <FormMessage state={state} />
      <TextField name="code" label="Code from your app" inputMode="numeric" autoComplete="one-time-code" hint="6 digits, like 123456." error={state.fieldErrors?.code} />
      <SubmitButton>Confirm</SubmitButton>
    </form>
  );
}

export function DisableTwoStepForm({ action }: { action: Action<FormState<"currentPassword">> }) {
  const [state, formAction] = useActionState<FormState<"currentPassword">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  if (state.ok) return <div className="mt-4"><FormMessage state={state} /></div>;
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-5">
      <FormMessage state={state} />
      <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" error={state.fieldErrors?.currentPassword} />
      <SubmitButton>Turn off two-step sign-in</SubmitButton>
    </form>
  );
}

export function SecondStepForm({ action, next }: { action: Action<FormState<"code" | "next">>; next: string }) {
  const [state, formAction] = useActionState<FormState<"code" | "next">, FormData>(action, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={formAction} noValidate className="mt-6 space-y-5">
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <TextField name="code" label="Code" autoComplete="one-time-code" hint="The 6-digit code your authenticator app shows, or one of your recovery codes." error={state.fieldErrors?.code} />
      <SubmitButton>Continue</SubmitButton>
    </form>
  );
}
