"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import { EMPTY_FORM_STATE } from "@/lib/form-state";
import { register, type RegistrationState } from "./actions";
import { PracticeField } from "./practice-field";

export function RegistrationForm({ passwordHint, next = null }: { passwordHint: string; next?: string | null }) {
  const [state, formAction] = useActionState<RegistrationState, FormData>(register, EMPTY_FORM_STATE);
  const formRef = useFocusFirstInvalid(state);
  const { values, fieldErrors } = state;
  return (
    <div className="mt-6 space-y-5">
      {/* One live region for both outcomes, so the confirmation is announced too. */}
      <FormMessage state={state} info={Boolean(state.practiceMatches?.length)} />
      {state.ok ? (
        <p>
          <Link href={next ? `/mypatients/login?${new URLSearchParams({ next }).toString()}` : "/mypatients/login"} className="font-medium text-brand-700 underline underline-offset-4">
            Go to sign-in
          </Link>
        </p>
      ) : (
        <form ref={formRef} action={formAction} noValidate className="space-y-5">
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <TextField name="fullName" label="Full name" autoComplete="name" defaultValue={values?.fullName} error={fieldErrors?.fullName} />
          <TextField name="email" label="Email" type="email" autoComplete="email" defaultValue={values?.email} error={fieldErrors?.email} hint="We send a link to this address to confirm it is yours." />
          <TextField name="npi" label="NPI" inputMode="numeric" autoComplete="off" defaultValue={values?.npi} error={fieldErrors?.npi} hint="Your 10-digit National Provider Identifier." />
          <PracticeField query={values?.practiceQuery ?? ""} selectedId={values?.practiceId ?? ""} serverMatches={state.practiceMatches} error={fieldErrors?.practiceId} />
          <div>
            <div className="flex items-center gap-2">
              {/* The new practice's fields show while this is checked: CSS only, so it works without JavaScript. */}
              <input id="notListed" name="notListed" type="checkbox" defaultChecked={values?.notListed === "on"} className="peer h-4 w-4 accent-brand-700" />
              <label htmlFor="notListed" className="font-medium">
                My practice is not listed
              </label>
            </div>
            <fieldset className="mt-3 hidden space-y-4 rounded-md border border-slate-300 p-4 peer-checked:block">
              <legend className="px-1 text-sm font-medium">Your practice</legend>
              <p className="text-sm text-slate-600">The hospital enrolls the practice, then approves your account.</p>
              <TextField name="practiceName" label="Practice name" autoComplete="organization" defaultValue={values?.practiceName} error={fieldErrors?.practiceName} />
              <TextField name="practiceCity" label="City" autoComplete="address-level2" defaultValue={values?.practiceCity} error={fieldErrors?.practiceCity} />
              <TextField name="practicePhone" label="Phone" type="tel" autoComplete="tel" defaultValue={values?.practicePhone} error={fieldErrors?.practicePhone} />
            </fieldset>
          </div>
          <TextField name="password" label="Password" type="password" autoComplete="new-password" error={fieldErrors?.password} hint={passwordHint} />
          <SubmitButton name="intent" value="register">Create account</SubmitButton>
        </form>
      )}
    </div>
  );
}
