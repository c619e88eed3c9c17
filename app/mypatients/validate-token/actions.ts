"use server";
import { requireProvider } from "@/lib/auth/current-user";
import { CHECK_FIELDS, formStrings, type FormState } from "@/lib/forms";
import { requestMetadata } from "@/lib/http/request-metadata";
import { validateToken, validateTokenInput } from "@/lib/tokens/validate";

export interface ValidateTokenState extends FormState<"token" | "mrn"> {
  /** Set once validated: the record to open. */
  mrn?: string;
}

export async function validateTokenAction(_previous: ValidateTokenState, formData: FormData): Promise<ValidateTokenState> {
  const provider = await requireProvider();
  const values = formStrings(formData, ["token", "mrn"] as const);
  const parsed = validateTokenInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: ValidateTokenState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as "token" | "mrn"] ??= issue.message;
    return { ok: false, message: CHECK_FIELDS, fieldErrors, values: { mrn: values.mrn } };
  }
  const outcome = await validateToken(parsed.data, { providerId: provider.providerId, request: await requestMetadata() });
  if (outcome.ok) return { ok: true, message: "Token validated", mrn: outcome.mrn };
  // The token is never sent back to the page; the MRN is kept.
  return { ok: false, message: outcome.message, values: { mrn: values.mrn } };
}
