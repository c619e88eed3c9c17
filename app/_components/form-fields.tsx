"use client";
// Accessible form parts: a label on every field, its error beside it (aria-describedby,
// aria-invalid), one live region for the form's message, and focus moved to the first invalid
// field after a refused submission.
import { useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import type { PortalId } from "@/lib/auth/portals";
import type { FormState } from "@/lib/form-state";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

interface FieldProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldFrame({ name, label, error, hint, children }: FieldProps & { children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({
  name,
  label,
  error,
  hint,
  type = "text",
  defaultValue,
  autoComplete,
  inputMode,
  required = true,
  maxLength,
}: FieldProps & {
  type?: "text" | "email" | "password" | "date" | "tel";
  defaultValue?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "email";
  required?: boolean;
  maxLength?: number;
}) {
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={inputClass}
      />
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  error,
  hint,
  defaultValue,
  placeholder,
  options,
}: FieldProps & { defaultValue?: string; placeholder: string; options: readonly { value: string; label: string }[] }) {
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      {/* Keyed by its default: React's reset after a form action restores a select to the
          option it was mounted with, so a select that should keep a new value is mounted again. */}
      <select
        key={defaultValue ?? ""}
        id={name}
        name={name}
        defaultValue={defaultValue ?? ""}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={inputClass}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * The form's message, in a live region that is always present so screen readers announce changes.
 * `info` marks a message that is neither a success nor a refusal (what a search found).
 */
export function FormMessage({ state, info = false }: { state: FormState; info?: boolean }) {
  const tone = info ? "border-brand-600 bg-brand-50 text-slate-800" : state.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900";
  return (
    <div aria-live="polite" role="status">
      {state.message ? <p className={`rounded-md border-l-4 px-4 py-3 ${tone}`}>{state.message}</p> : null}
    </div>
  );
}

const buttonTone: Record<PortalId, string> = {
  mypatients: "bg-brand-700 hover:bg-brand-800",
  mychildren: "bg-family-600 hover:bg-family-700",
  staff: "bg-slate-700 hover:bg-slate-800",
};

export function SubmitButton({ children, portal = "mypatients", name, value }: { children: React.ReactNode; portal?: PortalId; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={`w-full rounded-md px-4 py-2.5 font-semibold text-white shadow-sm disabled:opacity-70 sm:w-auto ${buttonTone[portal]}`}
    >
      {children}
    </button>
  );
}

/** After a refused submission, moves focus to the first invalid field of the form. */
export function useFocusFirstInvalid(state: FormState) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state.fieldErrors) return;
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);
  return formRef;
}
