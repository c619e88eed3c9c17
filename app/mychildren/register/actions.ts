"use server";
import { redirect } from "next/navigation";
import { familyRegistrationInput, registerFamilyAccount, type FamilyRegistrationField } from "@/lib/family/activation";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { requestLocale } from "@/lib/i18n/request";
import { languageOf } from "@/lib/i18n/locales";

/** Joining MyChildren's with an activation code; needs no session. */
export const registerFamilyAction = formAction({
  caller: "public",
  fields: ["code", "fullName", "email", "password"],
  secret: ["password"],
  schema: familyRegistrationInput,
  familyLanguage: true,
  async run(input, { request }): Promise<FormState<FamilyRegistrationField>> {
    // The new account keeps the language its page was in (the switcher's choice).
    const outcome = await registerFamilyAccount(input, { request, language: languageOf(await requestLocale()) });
    if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: outcome.field ? { [outcome.field]: outcome.message } : undefined };
    redirect("/mychildren/login?registered=1");
  },
});
