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
export function formStrings<Field extends string>(formData: unknown, fields: readonly Field[]): Record<Field, string> {
  const values = {} as Record<Field, string>;
  for (const field of fields) {
    // A request that is not a form submission (a forged call to the action) reads as an empty form.
    const value = formData instanceof FormData ? formData.get(field) : null;
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}

/** Text a person can type: no control characters (NUL and the like), which PostgreSQL refuses. */
export const TYPED_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const TYPED_TEXT_MESSAGE = "Remove the special characters from this field.";
