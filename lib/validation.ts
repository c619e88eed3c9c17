// The field rules every form shares, checked on the server with zod. Each form's schema (beside the
// domain function that takes it) is built from these, so an email, a password or an MRN is
// checked the same way in both portals, the staff tools and the scripts.
import { z } from "zod";
import { parseIsoDate } from "@/lib/dates";
import { isValidNpi } from "@/lib/npi";
import { safeReturnPath } from "@/lib/auth/return-path";
import { LOCALES } from "@/lib/i18n/locales";
import { MRN_PATTERN } from "@/lib/patients/mrn";

/** Text a person can type: no control characters (NUL and the like), which PostgreSQL refuses. */
export const TYPED_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const TYPED_TEXT_MESSAGE = "Remove the special characters from this field.";

/** SPEC §7: at least 12 characters, no composition rules. */
export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it cannot be abused. */
export const MAX_PASSWORD_LENGTH = 256;

/** Length in characters as a person counts them (an emoji is one), not UTF-16 code units. */
function characterCount(value: string): number {
  return Array.from(value).length;
}

/** A string field (a missing one reads as empty): whatever a form can send is a string. */
const field = (missing: string) => z.string({ error: missing });

/**
 * An email address: trimmed, then checked, then lower-cased (SPEC §2: stored lower-cased, unique).
 * Trimming comes first, so "  ana@clinic.example " is accepted as the address it is.
 */
export function emailAddress(messages: { missing?: string; invalid?: string } = {}) {
  const missing = messages.missing ?? "Enter your email address.";
  const invalid = messages.invalid ?? "Enter a valid email address.";
  return field(missing).trim().min(1, missing).max(254, invalid).pipe(z.email({ error: invalid })).transform((value) => value.toLowerCase());
}

/** A password being chosen (SPEC §7): 12 to 256 characters counted as people count them; never trimmed. */
export const newPassword = field(`Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .refine((value) => characterCount(value) >= MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .refine((value) => characterCount(value) <= MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

/** A password being checked against the stored hash: the length rules apply when it is chosen. */
export function currentPassword(missing = "Enter your password.") {
  return field(missing).min(1, missing).max(MAX_PASSWORD_LENGTH * 4, missing);
}

/** A medical record number (lib/patients/mrn.ts). */
export function mrn(invalid = "Enter the MRN as digits only.", missing = invalid) {
  return field(missing).trim().min(1, missing).regex(MRN_PATTERN, invalid);
}

/** A person's name as typed: trimmed, 1 to `max` characters, no control characters. */
export function personName(messages: { missing?: string; max?: number } = {}) {
  const missing = messages.missing ?? "Enter your full name.";
  const max = messages.max ?? 200;
  return field(missing).trim().min(1, missing).max(max, `Use at most ${max} characters.`).regex(TYPED_TEXT, TYPED_TEXT_MESSAGE);
}

/** Optional text a person types (a reason, a name to search for): trimmed, at most `max` characters. */
export function freeText(max: number, tooLong = `Use at most ${max} characters.`) {
  return field(TYPED_TEXT_MESSAGE).trim().max(max, tooLong).regex(TYPED_TEXT, TYPED_TEXT_MESSAGE);
}

/** An optional calendar date from a date input ("YYYY-MM-DD"), not in the future; "" when left empty. */
export function pastDate(messages: { invalid?: string; future?: string } = {}) {
  const invalid = messages.invalid ?? "Enter a real date.";
  const future = messages.future ?? "The date cannot be in the future.";
  return field(invalid)
    .trim()
    .refine((value) => value === "" || parseIsoDate(value) !== null, invalid)
    .refine((value) => value === "" || (parseIsoDate(value) ?? new Date(0)) <= new Date(), future);
}

/** A National Provider Identifier: 10 digits with a valid check digit. */
export const npi = field("Enter your 10-digit NPI.")
  .trim()
  .regex(/^\d{10}$/, "Enter your 10-digit NPI.")
  .refine(isValidNpi, "This is not a valid NPI: check the digits.");

/** The id of a row a form names (a request, a grant): anything else names nothing. */
export function recordId(notFound: string) {
  return z.uuid({ error: notFound });
}

/** A code or token as typed (activation codes, invitation tokens): trimmed, short. */
export function typedCode(messages: { missing: string; invalid: string }) {
  return field(messages.missing).trim().min(1, messages.missing).max(64, messages.invalid);
}

/** A 6-digit code from an authenticator app (TOTP, RFC 6238); spaces people type are dropped. */
export function authenticatorCode(messages: { missing: string; invalid: string }) {
  return field(messages.missing)
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().min(1, messages.missing).regex(/^\d{6}$/, messages.invalid));
}

/** The second step of sign-in: a 6-digit code, or a recovery code (xxxxx-xxxxx); spaces dropped. */
export function secondStepCode(messages: { missing: string; invalid: string }) {
  return field(messages.missing)
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().min(1, messages.missing).regex(/^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/, messages.invalid));
}

/** An MRN that may be left empty (the search form's, where a name can be searched instead). */
export function optionalMrn(message = "Enter the MRN as digits only.") {
  return field(message).trim().refine((value) => value === "" || MRN_PATTERN.test(value), message);
}

/** A telephone number as people write it: digits with spaces, dashes, dots, brackets or a leading +. */
export function phoneNumber(messages: { missing?: string; invalid?: string } = {}) {
  const missing = messages.missing ?? "Enter a phone number.";
  const invalid = messages.invalid ?? "Enter a phone number, for example 617-555-0100.";
  return field(missing)
    .trim()
    .min(1, missing)
    .max(30, invalid)
    .regex(/^\+?[\d\s().-]+$/, invalid)
    .refine((value) => value.replace(/\D/g, "").length >= 7, invalid);
}

/**
 * Where to go after registering, verifying and signing in (a hidden field carried from a link): a
 * same-origin path inside MyPatients (lib/auth/return-path.ts), or null. Anything else is dropped,
 * never followed, so the field cannot send anyone to another site.
 */
export function mypatientsReturnPath() {
  return z
    .string()
    .optional()
    .transform((value) => safeReturnPath("mypatients", value));
}

/** "English" / "Español" (SPEC §9): a language of MyChildren's, by its tag; anything else is refused. */
export const LANGUAGE_CHOICE_MESSAGE = "Choose English or Español.";
export function languageChoice() {
  return z.enum(LOCALES, { error: LANGUAGE_CHOICE_MESSAGE });
}
