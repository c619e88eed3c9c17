"use server";
import { redirect } from "next/navigation";
import { familyRegistrationInput, registerFamilyAccount, type FamilyRegistrationField } from "@/lib/family/activation";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

/** Joining MyChildren's with an activation code; needs no session. */
export const registerFamilyAction = formAction({
  caller: "public",
  fields: ["code", "fullName", "email", "password"],
  secret: ["password"],
  schema: familyRegistrationInput,
  async run(input, { request }): Promise<FormState<FamilyRegistrationField>> {
    const outcome = await registerFamilyAccount(input, { request });
    if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: outcome.field ? { [outcome.field]: outcome.message } : undefined };
    redirect("/mychildren/login?registered=1");
  },
});
