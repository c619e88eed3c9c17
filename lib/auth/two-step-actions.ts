// The server actions of two-step sign-in (lib/auth/two-step.ts): turning it on and off in
// MyPatients' Account, and the second step of sign-in (or enrolment, when it is required).
import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { setSessionCookie } from "@/lib/auth/next-auth";
import { clearPendingCookie } from "@/lib/auth/pending-sign-in";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { beginEnrolment, completeSecondStep, confirmEnrolment, confirmEnrolmentAtSignIn, disableTwoStep } from "@/lib/auth/two-step";
import { confirmTwoStepSchema, disableTwoStepSchema, secondStepSchema } from "@/lib/auth/validation";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

/** A confirmed enrolment's answer: the recovery codes, shown this once. */
export interface EnrolmentState extends FormState<"code"> {
  recoveryCodes?: string[];
}

export const TWO_STEP_REQUIRED = "Two-step sign-in is required for every MyPatients account, so it cannot be turned off.";

/** "Turn on two-step sign-in": a new secret (not in force until a code confirms it). */
export function startTwoStepAction() {
  return formAction({
    caller: "provider",
    fields: [],
    schema: z.object({}),
    async run(_input, { caller }): Promise<FormState> {
      const started = await beginEnrolment(db(), caller.providerId);
      if (!started) return { ok: false, message: "Two-step sign-in is already on." };
      // Account now shows the QR code and the key.
      revalidatePath("/mypatients/account");
      return { ok: true, message: "Scan the QR code below with your authenticator app, then enter the code it shows." };
    },
  });
}

/** "Confirm": one code from the app turns two-step sign-in on and shows the recovery codes once. */
export function confirmTwoStepAction() {
  return formAction({
    caller: "provider",
    fields: ["code"],
    secret: ["code"],
    schema: confirmTwoStepSchema,
    async run({ code }, { caller, request }): Promise<EnrolmentState> {
      const outcome = await confirmEnrolment(db(), caller.providerId, code, request);
      if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: { code: outcome.message } };
      return { ok: true, message: "Two-step sign-in is on. Save these recovery codes now: they are shown only once.", recoveryCodes: outcome.recoveryCodes };
    },
  });
}

/** "Turn off two-step sign-in": needs the current password; refused while it is required. */
export function disableTwoStepAction() {
  return formAction({
    caller: "provider",
    fields: ["currentPassword"],
    secret: ["currentPassword"],
    schema: disableTwoStepSchema,
    async run({ currentPassword }, { caller, request }): Promise<FormState<"currentPassword">> {
      if (env().REQUIRE_TWO_STEP) return { ok: false, message: TWO_STEP_REQUIRED };
      const outcome = await disableTwoStep(db(), caller.providerId, currentPassword, request);
      if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: { currentPassword: outcome.message } };
      return { ok: true, message: "Two-step sign-in is off. Your recovery codes no longer work." };
    },
  });
}

/** The second step of sign-in: a code or a recovery code opens the session. */
export function secondStepAction() {
  return formAction({
    caller: "pendingSignIn",
    fields: ["code", "next"],
    hidden: ["next"],
    secret: ["code"],
    schema: secondStepSchema,
    async run({ code, next }, { caller, request }): Promise<FormState<"code" | "next">> {
      const outcome = await completeSecondStep(db(), { pendingSecret: caller.secret, code }, request);
      if (!outcome.ok) {
        if (outcome.expired) await clearPendingCookie();
        return { ok: false, message: outcome.message, ...(outcome.expired ? {} : { fieldErrors: { code: outcome.message } }) };
      }
      await setSessionCookie("mypatients", outcome.sessionSecret);
      redirect(returnPathOrHome("mypatients", next));
    },
  });
}

/** When two-step sign-in is required: set it up right after the password, then the session opens. */
export function enrolAtSignInAction() {
  return formAction({
    caller: "pendingSignIn",
    fields: ["code"],
    secret: ["code"],
    schema: confirmTwoStepSchema,
    async run({ code }, { caller, request }): Promise<EnrolmentState> {
      const outcome = await confirmEnrolmentAtSignIn(db(), { pendingSecret: caller.secret, code }, request);
      if (!outcome.ok) {
        if (outcome.expired) await clearPendingCookie();
        return { ok: false, message: outcome.message, ...(outcome.expired ? {} : { fieldErrors: { code: outcome.message } }) };
      }
      await setSessionCookie("mypatients", outcome.sessionSecret);
      return { ok: true, message: "Two-step sign-in is on and you are signed in. Save these recovery codes now: they are shown only once.", recoveryCodes: outcome.recoveryCodes };
    },
  });
}
