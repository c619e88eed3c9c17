"use server";
import { z } from "zod";
import { registerProvider } from "@/lib/auth/registration";
import { REGISTRATION_FIELDS, registrationForm, type RegistrationField } from "@/lib/auth/validation";
import { db } from "@/lib/db";
import { CHECK_FIELDS, type FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { findPractices, practiceMatchesMessage, practiceQuery, type PracticeMatch } from "@/lib/practices/directory";
import { mypatientsReturnPath } from "@/lib/validation";

export interface RegistrationState extends FormState<RegistrationField | "next"> {
  /** Practices found by "Search" (without JavaScript, the form's own search). */
  practiceMatches?: PracticeMatch[];
}

/**
 * "Create account". The answer for an email that is already registered is the same as for a new
 * one (its owner is emailed instead), so the form never reveals who has an account.
 */
export const register = formAction({
  caller: "public",
  fields: [...REGISTRATION_FIELDS, "next"],
  hidden: ["intent", "next"],
  secret: ["password"],
  // "next": where an invited provider goes once verified and signed in (a safe MyPatients path, or nothing).
  schema: registrationForm.and(z.object({ next: mypatientsReturnPath() })),
  async run(input, { request }): Promise<RegistrationState> {
    if (input.intent === "findPractice") {
      const practiceMatches = await findPractices(input.practiceQuery);
      return { ok: false, practiceMatches, message: practiceMatchesMessage(practiceMatches.length) };
    }
    const result = await registerProvider(db(), input, request);
    if (!result.ok) return "rateLimited" in result ? { ok: false, message: result.rateLimited } : { ok: false, message: CHECK_FIELDS, fieldErrors: result.fieldErrors };
    return {
      ok: true,
      message: `We sent a verification email to ${input.email}. Follow the link in it within 24 hours to confirm your address. Then your practice's site administrator, or the hospital for a practice it has not enrolled yet, approves your account.`,
    };
  },
});

export interface PracticeSearchState extends FormState<"query"> {
  matches?: PracticeMatch[];
}

/** The "Practice" field's suggestions as the provider types: enrolled practices only, at most ten. */
export const findPracticesAction = formAction({
  caller: "public",
  fields: ["query"],
  schema: practiceQuery,
  async run(input): Promise<PracticeSearchState> {
    return { ok: true, matches: await findPractices(input.query) };
  },
});
