// The forms of sign-in and provider registration, built from the shared field rules.
import { z } from "zod";
import { authenticatorCode, currentPassword, emailAddress, secondStepCode, freeText, newPassword, npi, personName, phoneNumber, recordId } from "@/lib/validation";

export const signInSchema = z.object({
  email: emailAddress(),
  password: currentPassword(),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type SignInField = keyof SignInInput;

/** Registering (the default of the form), as opposed to finding a practice without JavaScript. */
const registering = z.literal(["register", ""]);

const person = z.object({
  intent: registering,
  fullName: personName(),
  email: emailAddress(),
  npi,
  password: newPassword,
});

/**
 * "MyPatients Registration" (SPEC §4): a practice found in the list of enrolled practices, or, with
 * "My practice is not listed", a new one by name, city and phone, which waits for the hospital.
 */
export const registrationSchema = z.discriminatedUnion(
  "notListed",
  [
    person.extend({ notListed: z.literal(""), practiceId: recordId("Choose your practice from the list, or choose \"My practice is not listed\".") }),
    person.extend({
      notListed: z.literal("on"),
      practiceName: personName({ missing: "Enter the practice's name.", max: 200 }),
      practiceCity: personName({ missing: "Enter the practice's city.", max: 100 }),
      practicePhone: phoneNumber(),
    }),
  ],
  { error: "Choose your practice from the list, or choose \"My practice is not listed\"." },
);

export type RegistrationInput = z.infer<typeof registrationSchema>;

/** The registration form, whose "Search" button finds practices when JavaScript is off. */
export const registrationForm = z.discriminatedUnion("intent", [z.object({ intent: z.literal("findPractice"), practiceQuery: freeText(100) }), registrationSchema], {
  error: "Choose \"Create account\".",
});

export const REGISTRATION_FIELDS = ["intent", "fullName", "email", "npi", "practiceQuery", "practiceId", "notListed", "practiceName", "practiceCity", "practicePhone", "password"] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

/** "Reset your password": the email to send the link to. */
export const forgotPasswordSchema = z.object({ email: emailAddress() });

/** The reset link's form: its secret (hidden) and the new password. */
export const resetPasswordSchema = z.object({
  token: z.string().max(200, "This reset link is not valid. Open the whole link from the email, or ask for a new one."),
  password: newPassword,
});

/** "Change password" in Account. */
export const changePasswordSchema = z.object({
  currentPassword: currentPassword("Enter your current password."),
  newPassword,
});

/** "Turn on two-step sign-in": the one code that proves the app was set up. */
export const confirmTwoStepSchema = z.object({
  code: authenticatorCode({ missing: "Enter the 6-digit code your authenticator app shows.", invalid: "Enter the 6 digits your authenticator app shows, like 123456." }),
});

/** The second step of sign-in. */
export const secondStepSchema = z.object({
  code: secondStepCode({
    missing: "Enter the 6-digit code from your authenticator app, or a recovery code.",
    invalid: "Enter the 6 digits your authenticator app shows, or a recovery code like abcde-fghij.",
  }),
  next: z.string(),
});

/** "Turn off two-step sign-in": the current password. */
export const disableTwoStepSchema = z.object({ currentPassword: currentPassword("Enter your current password.") });
