"use server";
// "Sign in with hospital account" (SPEC §5b): off to the hospital's identity provider, which sends
// the person back to /api/auth/staff/callback/hospital; only identities on the staff list get in.
import { z } from "zod";
import { staffSignIn } from "@/lib/auth/next-auth";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

/** Said on the sign-in page when no identity provider is configured. */
const NOT_CONFIGURED = "Staff sign-in is not set up on this server: the hospital's identity provider is not configured.";

export const signIn = formAction({
  caller: "public",
  fields: [],
  schema: z.object({}),
  async run(): Promise<FormState<never>> {
    await staffSignIn(); // redirects to the identity provider when one is configured
    return { ok: false, message: NOT_CONFIGURED };
  },
});
