// The input rules of sign-in and registration, checked on the server with zod.
import { z } from "zod";
import { TYPED_TEXT, TYPED_TEXT_MESSAGE } from "@/lib/forms";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { isValidNpi } from "@/lib/npi";

/** Long enough for any passphrase, short enough that hashing it cannot be abused. */
export const MAX_PASSWORD_LENGTH = 256;

/** Length in characters as a person counts them (an emoji is one), not UTF-16 code units. */
function characterCount(value: string): number {
  return Array.from(value).length;
}

/** SPEC §7: at least 12 characters, no composition rules. Never trimmed: every character counts. */
export const passwordSchema = z
  .string({ error: `Use at least ${MIN_PASSWORD_LENGTH} characters` })
  .refine((value) => characterCount(value) >= MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .refine((value) => characterCount(value) <= MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`);

/** Emails are compared lower-cased (SPEC §2: unique, stored lower-cased). */
export const emailSchema = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "Enter a valid email address")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const signInSchema = z.object({
  email: emailSchema,
  // Sign-in checks the password against the stored hash; length rules apply when it is chosen.
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(MAX_PASSWORD_LENGTH, "Enter your password"),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type SignInField = keyof SignInInput;

export const npiSchema = z
  .string({ error: "Enter your 10-digit NPI" })
  .trim()
  .regex(/^\d{10}$/, "Enter your 10-digit NPI")
  .refine(isValidNpi, "This is not a valid NPI: check the digits");

export const registrationSchema = z.object({
  fullName: z.string({ error: "Enter your full name" }).trim().min(1, "Enter your full name").max(200, "Use at most 200 characters").regex(TYPED_TEXT, TYPED_TEXT_MESSAGE),
  email: emailSchema,
  npi: npiSchema,
  practiceId: z.uuid({ error: "Choose your practice" }),
  password: passwordSchema,
});

export type RegistrationInput = z.infer<typeof registrationSchema>;
export type RegistrationField = keyof RegistrationInput;

/** The first message for each field of a failed parse, keyed by field name. */
export function fieldErrors<Field extends string>(error: z.ZodError): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && !(field in errors)) errors[field as Field] = issue.message;
  }
  return errors;
}
