"use server";
import { registerProvider } from "@/lib/auth/registration";
import { fieldErrors, registrationSchema, type RegistrationField } from "@/lib/auth/validation";
import { db } from "@/lib/db";
import { CHECK_FIELDS, formStrings, type FormState } from "@/lib/forms";
import { requestMetadata } from "@/lib/http/request-metadata";

const FIELDS = ["fullName", "email", "npi", "practiceId", "password"] as const;

/**
 * "Create account". The answer for an email that is already registered is the same as for a new
 * one (its owner is emailed instead), so the form never reveals who has an account.
 */
export async function register(_previous: FormState<RegistrationField>, formData: FormData): Promise<FormState<RegistrationField>> {
  const input = formStrings(formData, FIELDS);
  // Everything typed is kept on a refusal, except the password.
  const values = { fullName: input.fullName, email: input.email, npi: input.npi, practiceId: input.practiceId };
  const parsed = registrationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrors<RegistrationField>(parsed.error), values };

  const result = await registerProvider(db(), parsed.data, await requestMetadata());
  if (!result.ok) return { ok: false, message: CHECK_FIELDS, fieldErrors: result.fieldErrors, values };
  return {
    ok: true,
    message: `We sent a verification email to ${parsed.data.email}. Follow the link in it within 24 hours to activate your account, then sign in.`,
  };
}
