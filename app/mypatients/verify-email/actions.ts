"use server";
import { z } from "zod";
import { cancelRegistration, VERIFICATION_PROBLEMS, verifyProviderEmail } from "@/lib/auth/registration";
import { db } from "@/lib/db";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

/** "Verify my email": activates the account the emailed link names; needs no session. */
export const verifyEmail = formAction({
  caller: "public",
  fields: ["token"],
  hidden: ["token"],
  secret: ["token"],
  // The link's shape is checked by verifyProviderEmail, which answers every bad link alike.
  schema: z.object({ token: z.string() }),
  async run(input, { request }): Promise<FormState<"token">> {
    const result = await verifyProviderEmail(db(), input.token, request);
    if (!result.ok) return { ok: false, message: VERIFICATION_PROBLEMS[result.state] };
    return { ok: true, message: "Your email is verified and your account is active." };
  },
});

/** "This wasn't me": cancels the registration the link names, freeing its email and NPI. */
export const cancelRegistrationAction = formAction({
  caller: "public",
  fields: ["token"],
  hidden: ["token"],
  secret: ["token"],
  schema: z.object({ token: z.string() }),
  async run(input, { request }): Promise<FormState<"token">> {
    const result = await cancelRegistration(db(), input.token, request);
    if (!result.ok) return { ok: false, message: VERIFICATION_PROBLEMS[result.state] };
    return { ok: true, message: "The registration was cancelled: no account was created, and nothing else was changed." };
  },
});
