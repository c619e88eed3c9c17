"use client";
// The staff console's forms. Each button names what it does and to whom; each outcome is
// announced in a live region beside it.
import { useActionState } from "react";
import { FormMessage, SelectField, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/form-state";
import { activationCodeAction, disableFamilyAction, endLinkAction, enrollAction, providerAction, type ActivationField } from "./staff-actions";

const buttonTone = {
  primary: "bg-slate-800 text-white hover:bg-slate-900",
  secondary: "border border-slate-700 text-slate-800 hover:bg-slate-100",
  danger: "border border-red-700 text-red-800 hover:bg-red-50",
} as const;

type Tone = keyof typeof buttonTone;

function Outcome({ state }: { state: FormState }) {
  return (
    <div aria-live="polite" role="status" className="text-sm">
      {state.message ? <p className={state.ok ? "text-green-800" : "text-red-800"}>{state.message}</p> : null}
    </div>
  );
}

/** The provider page's buttons: approve, decline, make site administrator, disable or enable. */
export function ProviderButtons({ providerId, name, changes }: { providerId: string; name: string; changes: readonly { change: string; label: string; tone: Tone }[] }) {
  const [state, action] = useActionState<FormState<"providerId" | "change">, FormData>(providerAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="mt-3 space-y-2">
      <input type="hidden" name="providerId" value={providerId} />
      <div className="flex flex-wrap gap-2">
        {changes.map(({ change, label, tone }) => (
          <button key={change} type="submit" name="change" value={change} aria-label={`${label}: ${name}`} className={`rounded-md px-3 py-1.5 text-sm font-semibold ${buttonTone[tone]}`}>
            {label}
          </button>
        ))}
      </div>
      <Outcome state={state} />
    </form>
  );
}

/** "Enroll" for a pending practice. */
export function EnrollButton({ practiceId, name }: { practiceId: string; name: string }) {
  const [state, action] = useActionState<FormState<"practiceId">, FormData>(enrollAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="practiceId" value={practiceId} />
      {state.ok ? null : (
        <button type="submit" aria-label={`Enroll ${name}`} className={`rounded-md px-3 py-1.5 text-sm font-semibold ${buttonTone.primary}`}>
          Enroll
        </button>
      )}
      <Outcome state={state} />
    </form>
  );
}

/** "Disable account" for a MyChildren's account. */
export function DisableAccountButton({ accountId, email }: { accountId: string; email: string }) {
  const [state, action] = useActionState<FormState<"accountId">, FormData>(disableFamilyAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="accountId" value={accountId} />
      {state.ok ? null : (
        <button type="submit" aria-label={`Disable account: ${email}`} className={`rounded-md px-3 py-1.5 text-sm font-semibold ${buttonTone.danger}`}>
          Disable account
        </button>
      )}
      <Outcome state={state} />
    </form>
  );
}

/** "End link", with the reason (a custody change, say). */
export function EndLinkForm({ linkId, label }: { linkId: string; label: string }) {
  const [state, action] = useActionState<FormState<"linkId" | "reason">, FormData>(endLinkAction, EMPTY_FORM_STATE);
  const reasonId = `reason-${linkId}`;
  if (state.ok) return <Outcome state={state} />;
  return (
    <form action={action} noValidate className="mt-2 flex flex-wrap items-end gap-2">
      <input type="hidden" name="linkId" value={linkId} />
      <div>
        <label htmlFor={reasonId} className="block text-sm font-medium text-slate-900">
          Reason for ending the link to {label}
        </label>
        <input
          id={reasonId}
          name="reason"
          type="text"
          maxLength={500}
          defaultValue={state.values?.reason}
          aria-invalid={state.fieldErrors?.reason ? true : undefined}
          aria-describedby={state.fieldErrors?.reason ? `${reasonId}-error` : undefined}
          className="mt-1 block w-72 max-w-full rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm"
        />
        {state.fieldErrors?.reason ? (
          <p id={`${reasonId}-error`} className="mt-1 text-sm font-medium text-red-700">
            {state.fieldErrors.reason}
          </p>
        ) : null}
      </div>
      <button type="submit" aria-label={`End link to ${label}`} className={`rounded-md px-3 py-1.5 text-sm font-semibold ${buttonTone.danger}`}>
        End link
      </button>
      <Outcome state={state} />
    </form>
  );
}

/** "Issue activation code": the code is shown once, here. */
export function ActivationCodeForm() {
  const [state, action] = useActionState<FormState<ActivationField> & { code?: string; expiresAt?: string }, FormData>(activationCodeAction, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  return (
    <form ref={formRef} action={action} noValidate className="mt-3 max-w-md space-y-4">
      <FormMessage state={state} />
      {state.ok && state.code ? (
        <p className="rounded-md border border-slate-300 bg-white p-4">
          Activation code: <strong className="font-mono text-lg tracking-wider" data-testid="activation-code">{state.code}</strong>
        </p>
      ) : null}
      <TextField name="mrn" label="MRN" inputMode="numeric" defaultValue={state.ok ? undefined : state.values?.mrn} error={state.fieldErrors?.mrn} />
      <SelectField
        name="relationship"
        label="Relationship"
        placeholder="Choose…"
        defaultValue={state.ok ? undefined : state.values?.relationship}
        error={state.fieldErrors?.relationship}
        options={[
          { value: "GUARDIAN", label: "Parent or guardian" },
          { value: "SELF", label: "The patient (13 or older)" },
        ]}
      />
      <SubmitButton portal="staff">Issue activation code</SubmitButton>
    </form>
  );
}
