// What the portals' sign-in and sign-out server actions do; each portal's actions.ts makes its own
// with its portal, so both portals sign in and out the same way.
import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { endCurrentSession, passwordSignIn } from "@/lib/auth/next-auth";
import { PORTALS, type PasswordPortalId } from "@/lib/auth/portals";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { SIGN_IN_REFUSED, SIGN_IN_UNAVAILABLE } from "@/lib/auth/sign-in";
import { changePassword, PASSWORD_CHANGED, PASSWORD_RESET_DONE, requestPasswordReset, RESET_LINK_SENT, RESET_PROBLEMS, resetPassword } from "@/lib/auth/password-reset";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema, signInSchema, type SignInField } from "@/lib/auth/validation";
import { db } from "@/lib/db";
import type { RequestMetadata } from "@/lib/audit/record";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";
import { keepChosenLanguage } from "@/lib/i18n/family-language";

/** The sign-in form's action for `portal`: signs in, and on success goes to the (safe) return path. */
export function signInAction(portal: PasswordPortalId) {
  return formAction({
    caller: "public",
    fields: ["email", "password", "next"],
    hidden: ["next"],
    secret: ["password"],
    // "next" is where to go afterwards: anything unsafe falls back to the portal's home page.
    schema: signInSchema.extend({ next: z.string() }),
    familyLanguage: portal === "mychildren",
    async run({ next, ...credentials }, { request }): Promise<FormState<SignInField | "next">> {
      const result = await passwordSignIn(portal, credentials);
      if (result === "signed-in" && portal === "mychildren") await keepChosenLanguage(credentials.email, request);
      if (result === "refused") return { ok: false, message: SIGN_IN_REFUSED };
      if (result === "unavailable") return { ok: false, message: SIGN_IN_UNAVAILABLE };
      if (result === "second-step") {
        const safeNext = returnPathOrHome(portal, next);
        redirect(`/mypatients/two-step?${new URLSearchParams({ next: safeNext }).toString()}`);
      }
      redirect(returnPathOrHome(portal, next));
    },
  });
}

/** Ends the portal session at once and returns to the portal's sign-in page. */
export async function signOutFromPortal(portal: PasswordPortalId): Promise<never> {
  await endCurrentSession(portal);
  redirect(PORTALS[portal].login);
}

/** "Send reset link" of `portal`: the same answer whether or not the email has an account. */
export function forgotPasswordAction(portal: PasswordPortalId) {
  return formAction({
    caller: "public",
    fields: ["email"],
    schema: forgotPasswordSchema,
    familyLanguage: portal === "mychildren",
    async run({ email }, { request }): Promise<FormState<"email">> {
      await requestPasswordReset(db(), { portal, email }, request);
      return { ok: true, message: RESET_LINK_SENT };
    },
  });
}

/** The reset link's form of `portal`: sets the new password (once per link) and ends every session. */
export function resetPasswordAction(portal: PasswordPortalId) {
  return formAction({
    caller: "public",
    fields: ["token", "password"],
    hidden: ["token"],
    secret: ["token", "password"],
    schema: resetPasswordSchema,
    familyLanguage: portal === "mychildren",
    async run({ token, password }, { request }): Promise<FormState<"token" | "password">> {
      const outcome = await resetPassword(db(), { portal, token, password }, request);
      if (!outcome.ok) return { ok: false, message: RESET_PROBLEMS[outcome.problem] };
      return { ok: true, message: PASSWORD_RESET_DONE };
    },
  });
}

export type ChangePasswordField = "currentPassword" | "newPassword";
const CHANGE_PASSWORD_FIELDS = ["currentPassword", "newPassword"] as const;

async function runChangePassword(portal: PasswordPortalId, input: { currentPassword: string; newPassword: string }, owner: { ownerId: string; sessionId: string }, request: RequestMetadata): Promise<FormState<ChangePasswordField>> {
  const outcome = await changePassword(db(), { portal, ...owner, ...input }, request);
  if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: { currentPassword: outcome.message } };
  return { ok: true, message: PASSWORD_CHANGED };
}

/** "Change password" in MyPatients' Account: needs the current password; ends every other session. */
export function changeProviderPasswordAction() {
  return formAction({
    caller: "provider",
    fields: CHANGE_PASSWORD_FIELDS,
    secret: CHANGE_PASSWORD_FIELDS,
    schema: changePasswordSchema,
    run: (input, { caller, request }) => runChangePassword("mypatients", input, { ownerId: caller.providerId, sessionId: caller.sessionId }, request),
  });
}

/** "Change password" in MyChildren's Account. */
export function changeFamilyPasswordAction() {
  return formAction({
    caller: "family",
    fields: CHANGE_PASSWORD_FIELDS,
    secret: CHANGE_PASSWORD_FIELDS,
    schema: changePasswordSchema,
    run: (input, { caller, request }) => runChangePassword("mychildren", input, { ownerId: caller.accountId, sessionId: caller.sessionId }, request),
  });
}
