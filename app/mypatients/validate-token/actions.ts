"use server";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { validateToken, validateTokenInput } from "@/lib/tokens/validate";

export interface ValidateTokenState extends FormState<"token" | "mrn"> {
  /** Set once validated: the record to open. */
  mrn?: string;
}

export const validateTokenAction = formAction({
  caller: "provider",
  fields: ["token", "mrn"],
  // The token is never sent back to the page; the MRN is kept.
  secret: ["token"],
  schema: validateTokenInput,
  async run(input, { caller, request }): Promise<ValidateTokenState> {
    const outcome = await validateToken(input, { providerId: caller.providerId, request });
    if (outcome.ok) return { ok: true, message: "Token validated", mrn: outcome.mrn };
    return { ok: false, message: outcome.message };
  },
});
