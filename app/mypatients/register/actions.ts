"use server";
import { registerProvider } from "@/lib/auth/registration";
import { registrationSchema, type RegistrationField } from "@/lib/auth/validation";
import { db } from "@/lib/db";
import { CHECK_FIELDS, type FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

/**
 * "Create account". The answer for an email that is already registered is the same as for a new
 * one (its owner is emailed instead), so the form never reveals who has an account.
 */
export const register = formAction({
  caller: "public",
  fields: ["fullName", "email", "npi", "practiceId", "password"],
  secret: ["password"],
  schema: registrationSchema,
  async run(input, { request }): Promise<FormState<RegistrationField>> {
    const result = await registerProvider(db(), input, request);
    if (!result.ok) return { ok: false, message: CHECK_FIELDS, fieldErrors: result.fieldErrors };
    return {
      ok: true,
      message: `We sent a verification email to ${input.email}. Follow the link in it within 24 hours to activate your account, then sign in.`,
    };
  },
});
