// The messages lib/ writes in English (field rules, refusals, outcomes) that a MyChildren's form
// can show, each with its key in the catalogs' "formMessages". The English text is the one SPEC and
// lib/ write, so lib/ stays in English for MyPatients and the staff console; a MyChildren's action
// (formAction with `familyLanguage`) shows them in the family's language with translateFormState.
// lib/i18n/form-messages.test.ts checks that the English catalog reads exactly as lib/ writes, and
// that every message the family forms' rules can produce is here.
import { EXISTING_ACCOUNT, INVALID_CODE } from "@/lib/family/activation";
import { CHECK_FIELDS, type FormState } from "@/lib/form-state";
import { PASSWORD_CHANGED, PASSWORD_RESET_DONE, RESET_LINK_SENT, RESET_PROBLEMS, WRONG_CURRENT_PASSWORD } from "@/lib/auth/password-reset";
import { SIGN_IN_REFUSED, SIGN_IN_UNAVAILABLE } from "@/lib/auth/sign-in";
import { ALREADY_ANSWERED, REQUEST_CANCELLED, REQUEST_EXPIRED } from "@/lib/requests/decide";
import { LANGUAGE_CHOICE_MESSAGE, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, TYPED_TEXT_MESSAGE } from "@/lib/validation";

export type MessageValues = Record<string, string | number>;
export interface CatalogMessage {
  /** The key under "formMessages". */
  key: string;
  values?: MessageValues;
}

/** Each English message and its catalog entry. */
export const FORM_MESSAGES: ReadonlyMap<string, CatalogMessage> = new Map<string, CatalogMessage>([
  [CHECK_FIELDS, { key: "checkFields" }],
  // Field rules (lib/validation.ts, lib/auth/validation.ts)
  ["Enter your email address.", { key: "emailMissing" }],
  ["Enter a valid email address.", { key: "emailInvalid" }],
  ["Enter your password.", { key: "passwordMissing" }],
  ["Enter your current password.", { key: "currentPasswordMissing" }],
  [`Use at least ${MIN_PASSWORD_LENGTH} characters.`, { key: "atLeast", values: { count: MIN_PASSWORD_LENGTH } }],
  [`Use at most ${MAX_PASSWORD_LENGTH} characters.`, { key: "atMost", values: { count: MAX_PASSWORD_LENGTH } }],
  ["Use at most 200 characters.", { key: "atMost", values: { count: 200 } }],
  ["Enter your full name.", { key: "fullNameMissing" }],
  [TYPED_TEXT_MESSAGE, { key: "typedText" }],
  [LANGUAGE_CHOICE_MESSAGE, { key: "languageChoice" }],
  // Sign-in and passwords (lib/auth)
  [SIGN_IN_REFUSED, { key: "signInRefused" }],
  [SIGN_IN_UNAVAILABLE, { key: "signInUnavailable" }],
  [RESET_LINK_SENT, { key: "resetLinkSent" }],
  [RESET_PROBLEMS.used, { key: "resetUsed" }],
  [RESET_PROBLEMS.expired, { key: "resetExpired" }],
  [RESET_PROBLEMS.unknown, { key: "resetUnknown" }],
  [PASSWORD_RESET_DONE, { key: "passwordReset" }],
  [WRONG_CURRENT_PASSWORD, { key: "wrongCurrentPassword" }],
  [PASSWORD_CHANGED, { key: "passwordChanged" }],
  // Activation codes (lib/family/activation.ts)
  ["Enter the activation code from the hospital.", { key: "codeMissing" }],
  [INVALID_CODE, { key: "codeInvalid" }],
  [EXISTING_ACCOUNT, { key: "existingAccount" }],
  ["Too many attempts. Try again in 15 minutes.", { key: "tooManyAttempts" }],
  // Requests (lib/requests/decide.ts)
  ["This request was not found.", { key: "requestNotFound" }],
  ["Choose when access ends.", { key: "chooseAccessEnds" }],
  ["Keep the reason to 500 characters or fewer.", { key: "reasonTooLong" }],
  ["Choose Approve or Deny.", { key: "chooseDecision" }],
  [ALREADY_ANSWERED, { key: "alreadyAnswered" }],
  [REQUEST_EXPIRED, { key: "requestExpired" }],
  [REQUEST_CANCELLED, { key: "requestCancelled" }],
  // Sharing (lib/grants, lib/tokens)
  ["This access was not found.", { key: "accessNotFound" }],
  ["This access had already ended.", { key: "accessAlreadyEnded" }],
  ["This invitation was not found.", { key: "invitationNotFound" }],
  ["This invitation was already used or withdrawn.", { key: "invitationAlreadyUsed" }],
  ["Patient not found", { key: "patientNotFound" }],
  ["Enter the provider's email address.", { key: "providerEmailMissing" }],
]);

/** A translator of "formMessages" keys, as next-intl's getTranslations("formMessages") gives. */
export type Translate = (key: string, values?: MessageValues) => string;

/** One message in the translator's language; a message not written by lib/ (already from the catalog) is left as it is. */
export function translateMessage(message: string, t: Translate): string {
  const entry = FORM_MESSAGES.get(message);
  return entry ? t(entry.key, entry.values) : message;
}

/** A form's result with its message and field messages in the translator's language. */
export function translateFormState<State extends FormState>(state: State, t: Translate): State {
  const fieldErrors = state.fieldErrors
    ? Object.fromEntries(Object.entries(state.fieldErrors).map(([field, message]) => [field, typeof message === "string" ? translateMessage(message, t) : message]))
    : undefined;
  return {
    ...state,
    ...(state.message === undefined ? {} : { message: translateMessage(state.message, t) }),
    ...(fieldErrors ? { fieldErrors } : {}),
  };
}
