// The one result shape of every server action behind a form, read with useActionState.

export interface FormState<Field extends string = string> {
  ok: boolean;
  /** A message for the whole form, announced in its live region. */
  message?: string;
  /** One message per invalid field, shown beside it. */
  fieldErrors?: Partial<Record<Field, string>>;
  /** What the user typed (never a password), so a refused form keeps it. */
  values?: Partial<Record<Field, string>>;
}

export const EMPTY_FORM_STATE: FormState<never> = { ok: false };

export const CHECK_FIELDS = "Check the highlighted fields.";

/** The text fields of a submitted form, as strings (a missing or file field becomes ""). */
export function formStrings<Field extends string>(formData: FormData, fields: readonly Field[]): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const field of fields) {
    const value = formData.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}
