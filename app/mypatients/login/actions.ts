"use server";
import { signInFromForm } from "@/lib/auth/portal-actions";
import type { SignInField } from "@/lib/auth/validation";
import type { FormState } from "@/lib/forms";

export async function signIn(_previous: FormState<SignInField>, formData: FormData): Promise<FormState<SignInField>> {
  return signInFromForm("mypatients", formData);
}
