"use server";
import { VERIFICATION_PROBLEMS, verifyProviderEmail } from "@/lib/auth/registration";
import { db } from "@/lib/db";
import { formStrings, type FormState } from "@/lib/forms";
import { requestMetadata } from "@/lib/http/request-metadata";

export async function verifyEmail(_previous: FormState, formData: FormData): Promise<FormState> {
  const { token } = formStrings(formData, ["token"] as const);
  const result = await verifyProviderEmail(db(), token, await requestMetadata());
  if (!result.ok) return { ok: false, message: VERIFICATION_PROBLEMS[result.state] };
  return { ok: true, message: "Your email is verified and your account is active." };
}
