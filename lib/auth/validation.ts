// The forms of sign-in and provider registration, built from the shared field rules.
import { z } from "zod";
import { currentPassword, emailAddress, newPassword, npi, personName, recordId } from "@/lib/validation";

export const signInSchema = z.object({
  email: emailAddress(),
  password: currentPassword(),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type SignInField = keyof SignInInput;

export const registrationSchema = z.object({
  fullName: personName(),
  email: emailAddress(),
  npi,
  practiceId: recordId("Choose your practice."),
  password: newPassword,
});

export type RegistrationInput = z.infer<typeof registrationSchema>;
export type RegistrationField = keyof RegistrationInput;
