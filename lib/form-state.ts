// The one result shape of every server action behind a form, read with useActionState. Shared by
// the forms (client components) and the action builder (lib/forms.ts).

export interface FormState<Field extends string = string> {
  ok: boolean;
  /** A message for the whole form, announced in its live region. */
  message?: string;
  /** One message per invalid field, shown beside it. */
  fieldErrors?: Partial<Record<Field, string>>;
  /** What the user typed (never a password or a token), so a refused form keeps it. */
  values?: Partial<Record<Field, string>>;
}

export const EMPTY_FORM_STATE: FormState<never> = { ok: false };

export const CHECK_FIELDS = "Check the highlighted fields.";
