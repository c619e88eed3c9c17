"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import { validateTokenAction, type ValidateTokenState } from "./actions";

export function ValidateTokenForm({ mrn }: { mrn: string }) {
  const [state, action] = useActionState<ValidateTokenState, FormData>(validateTokenAction, { ok: false });
  const formRef = useFocusFirstInvalid(state);
  if (state.ok && state.mrn) {
    return (
      <div role="status" aria-live="polite" className="mt-6 rounded-lg border-l-4 border-green-700 bg-green-50 p-4">
        <p className="font-semibold text-green-900">{state.message}</p>
        <p className="mt-1 text-slate-800">You can now open this patient&apos;s record. It also opens from Patient Selection.</p>
        <Link href={`/mypatients/patients/${state.mrn}`} className="mt-3 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Open record
        </Link>
      </div>
    );
  }
  return (
    <form ref={formRef} action={action} noValidate className="mt-6 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <TextField name="token" label="Token" hint="As in the invitation email, for example ABCD-EFGH-JKMN-PQRS" autoComplete="off" maxLength={64} error={state.fieldErrors?.token} />
      <TextField name="mrn" label="MRN" inputMode="numeric" autoComplete="off" maxLength={20} defaultValue={state.values?.mrn ?? mrn} error={state.fieldErrors?.mrn} />
      <SubmitButton>Submit</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
