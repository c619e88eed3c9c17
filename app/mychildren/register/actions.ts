"use server";
import { redirect } from "next/navigation";
import { familyRegistrationInput, registerFamilyAccount, type FamilyRegistrationField } from "@/lib/family/activation";
import { CHECK_FIELDS, formStrings, type FormState } from "@/lib/forms";
import { requestMetadata } from "@/lib/http/request-metadata";

const FIELDS = ["code", "fullName", "email", "password"] as const;

export async function registerFamilyAction(_previous: FormState<FamilyRegistrationField>, formData: FormData): Promise<FormState<FamilyRegistrationField>> {
  const values = formStrings(formData, FIELDS);
  const kept = { code: values.code, fullName: values.fullName, email: values.email };
  const parsed = familyRegistrationInput.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<FamilyRegistrationField, string>> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as FamilyRegistrationField] ??= issue.message;
    return { ok: false, message: CHECK_FIELDS, fieldErrors, values: kept };
  }
  const outcome = await registerFamilyAccount(parsed.data, { request: await requestMetadata() });
  if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: outcome.field ? { [outcome.field]: outcome.message } : undefined, values: kept };
  redirect("/mychildren/login?registered=1");
}
