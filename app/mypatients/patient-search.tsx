"use client";
import Link from "next/link";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { FormMessage, SubmitButton, TextField, useFocusFirstInvalid } from "@/app/_components/form-fields";
import type { SearchResult } from "@/lib/patients/search";
import { requestAccessAction, searchAction, type RequestState, type SearchRequestOutcome, type SearchState } from "./patient-actions";

/** The search form's action, which also takes a result's request when JavaScript is off. */
type SearchDispatch = (formData: FormData) => void;

/** Patient Selection: the search form and its results, each with exactly one access state. */
export function PatientSearch() {
  const [state, action] = useActionState<SearchState, FormData>(searchAction, { ok: false });
  const formRef = useFocusFirstInvalid(state);
  const values = state.values ?? {};
  return (
    <>
      <form ref={formRef} action={action} noValidate className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="search-heading">
        <h2 id="search-heading" className="sr-only">Search for a patient</h2>
        <input type="hidden" name="intent" value="search" />
        <fieldset>
          <legend className="text-base font-semibold">By name and date of birth</legend>
          <div className="mt-3 grid gap-4 sm:grid-cols-3">
            <TextField name="lastName" label="Last name" required={false} maxLength={100} autoComplete="off" defaultValue={values.lastName} error={state.fieldErrors?.lastName} />
            <TextField name="firstName" label="First name" hint="Optional" required={false} maxLength={100} autoComplete="off" defaultValue={values.firstName} error={state.fieldErrors?.firstName} />
            <TextField name="dateOfBirth" label="Date of birth" type="date" required={false} defaultValue={values.dateOfBirth} error={state.fieldErrors?.dateOfBirth} />
          </div>
        </fieldset>
        <p className="my-4 text-sm font-medium uppercase tracking-wide text-slate-600">or</p>
        <fieldset>
          <legend className="sr-only">By MRN</legend>
          <div className="max-w-xs">
            <TextField name="mrn" label="MRN" inputMode="numeric" required={false} maxLength={20} autoComplete="off" defaultValue={values.mrn} error={state.fieldErrors?.mrn} />
          </div>
        </fieldset>
        <div className="mt-5 flex flex-wrap items-center gap-4">
          <SubmitButton>Search</SubmitButton>
        </div>
        <div className="mt-4">
          <FormMessage state={state.ok ? { ok: false, message: state.message } : state} />
        </div>
      </form>
      {state.results && state.results.length > 0 ? (
        <section aria-labelledby="results-heading" className="mt-8">
          <h2 id="results-heading" className="text-lg font-semibold">
            {state.results.length === 1 ? "1 patient found" : `${state.results.length} patients found`}
          </h2>
          <ul className="mt-3 space-y-3">
            {state.results.map((result) => (
              <li key={result.mrn}>
                <ResultCard result={result} search={action} outcome={state.request?.mrn === result.mrn ? state.request : undefined} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function ResultCard({ result, search, outcome }: { result: SearchResult; search: SearchDispatch; outcome?: SearchRequestOutcome }) {
  const name = `${result.firstName} ${result.lastName}`;
  return (
    <article aria-label={name} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-base font-semibold">{name}</h3>
      <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-700">
        <div>
          <dt className="inline font-medium">Date of birth: </dt>
          <dd className="inline">{result.dateOfBirthText}</dd>
        </div>
        <div>
          <dt className="inline font-medium">MRN: </dt>
          <dd className="inline">{result.mrn}</dd>
        </div>
      </dl>
      <div className="mt-3">
        <AccessState result={result} search={search} outcome={outcome} />
      </div>
    </article>
  );
}

function AccessState({ result, search, outcome }: { result: SearchResult; search: SearchDispatch; outcome?: SearchRequestOutcome }) {
  switch (result.state) {
    case "AUTHORIZED":
      return (
        <Link href={`/mypatients/patients/${result.mrn}`} className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800" aria-label={`Open record of ${result.firstName} ${result.lastName}`}>
          Open record
        </Link>
      );
    case "PENDING":
      return (
        <div role="status" aria-live="polite">
          <p className="font-medium text-amber-800">Access request pending</p>
          {outcome?.message ? <p className="mt-1 text-sm text-slate-700">{outcome.message}</p> : null}
        </div>
      );
    case "NO_ACCOUNT":
      return (
        <div>
          <p className="text-slate-700">This patient does not have a MyChildren&apos;s account</p>
          <p className="mt-1 text-sm text-slate-700">{result.note}</p>
        </div>
      );
    case "DECLINED":
      return <p className="text-slate-800">{result.note}</p>;
    case "ACCESS_ENDED":
      return <RequestAccess mrn={result.mrn} name={`${result.firstName} ${result.lastName}`} lead={result.note} withoutScript={{ search, outcome }} />;
    case "NOT_AUTHORIZED":
      return <RequestAccess mrn={result.mrn} name={`${result.firstName} ${result.lastName}`} withoutScript={{ search, outcome }} />;
  }
}

const noSubscription = () => () => {};

/**
 * "Request Non-PCP access": a button that opens a small form with an optional reason. In search
 * results without JavaScript (`withoutScript`), the button is a disclosure that opens the same form
 * without a script, and the form posts through the search form's action, which shows the result
 * again with the request's outcome.
 */
export function RequestAccess({
  mrn,
  name,
  lead = "You are not authorized to view this patient's record.",
  withoutScript,
}: {
  mrn: string;
  name: string;
  lead?: string;
  withoutScript?: { search: SearchDispatch; outcome?: SearchRequestOutcome };
}) {
  // False in the page as the server sends it (and so without JavaScript), true once scripts run.
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<RequestState, FormData>(requestAccessAction, { ok: false });
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  // Opening the form moves focus into it, where the keyboard user wants to be next.
  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);
  if (state.pending && state.ok) {
    return (
      <div role="status" aria-live="polite">
        <p className="font-medium text-amber-800">Access request pending</p>
        <p className="mt-1 text-sm text-slate-700">{state.message}</p>
      </div>
    );
  }
  const formId = `request-${mrn}`;
  if (!scripted && withoutScript) return <RequestWithoutScript mrn={mrn} name={name} lead={lead} formId={formId} {...withoutScript} />;
  return (
    <div>
      <p className="text-slate-800">{lead}</p>
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} className="mt-2 rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">
          Request Non-PCP access
        </button>
      ) : (
        <form id={formId} action={action} className="mt-3 max-w-xl space-y-3" aria-label={`Request access to ${name}'s record`}>
          <input type="hidden" name="mrn" value={mrn} />
          <div>
            <label htmlFor={`${formId}-reason`} className="block text-sm font-medium">
              Reason
            </label>
            <p id={`${formId}-reason-hint`} className="text-sm text-slate-600">
              Optional. The patient or guardian sees it with your request.
            </p>
            <textarea
              ref={reasonRef}
              id={`${formId}-reason`}
              name="reason"
              rows={3}
              maxLength={500}
              defaultValue={state.values?.reason}
              aria-describedby={`${formId}-reason-hint${state.fieldErrors?.reason ? ` ${formId}-reason-error` : ""}`}
              aria-invalid={state.fieldErrors?.reason ? true : undefined}
              className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
            />
            {state.fieldErrors?.reason ? (
              <p id={`${formId}-reason-error`} className="mt-1 text-sm font-medium text-red-700">
                {state.fieldErrors.reason}
              </p>
            ) : null}
          </div>
          <SubmitButton>Send request</SubmitButton>
          <FormMessage state={state} />
        </form>
      )}
    </div>
  );
}

/** The request form as the server sends it: a disclosure, open again when the reason was refused. */
function RequestWithoutScript({ mrn, name, lead, formId, search, outcome }: { mrn: string; name: string; lead: string; formId: string; search: SearchDispatch; outcome?: SearchRequestOutcome }) {
  const reasonError = outcome?.reasonError;
  return (
    <div>
      <p className="text-slate-800">{lead}</p>
      <details open={outcome && !outcome.ok ? true : undefined} className="mt-2">
        <summary className="inline-block cursor-pointer rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50">Request Non-PCP access</summary>
        <form id={formId} action={search} className="mt-3 max-w-xl space-y-3" aria-label={`Request access to ${name}'s record`}>
          <input type="hidden" name="intent" value="requestAccess" />
          <input type="hidden" name="mrn" value={mrn} />
          <div>
            <label htmlFor={`${formId}-reason`} className="block text-sm font-medium">
              Reason
            </label>
            <p id={`${formId}-reason-hint`} className="text-sm text-slate-600">
              Optional. The patient or guardian sees it with your request.
            </p>
            <textarea
              id={`${formId}-reason`}
              name="reason"
              rows={3}
              maxLength={500}
              defaultValue={outcome?.reason}
              aria-describedby={`${formId}-reason-hint${reasonError ? ` ${formId}-reason-error` : ""}`}
              aria-invalid={reasonError ? true : undefined}
              className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2"
            />
            {reasonError ? (
              <p id={`${formId}-reason-error`} className="mt-1 text-sm font-medium text-red-700">
                {reasonError}
              </p>
            ) : null}
          </div>
          <SubmitButton>Send request</SubmitButton>
          <FormMessage state={{ ok: false, message: outcome && !outcome.ok ? outcome.message : undefined }} />
        </form>
      </details>
    </div>
  );
}
