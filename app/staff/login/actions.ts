"use server";
// "Sign in with hospital account" (SPEC §5b): off to the hospital's identity provider, which sends
// the person back to /api/auth/staff/callback/hospital; only identities on the staff list get in.
import { z } from "zod";
import { staffSignIn } from "@/lib/auth/next-auth";
import { returnPathOrHome } from "@/lib/auth/return-path";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

/** Said on the sign-in page when no identity provider is configured. */
const NOT_CONFIGURED = "Staff sign-in is not set up on this server: the hospital's identity provider is not configured.";

export const signIn = formAction({
  caller: "public",
  fields: ["next"],
  hidden: ["next"],
  // "next" is where to go afterwards: anything unsafe falls back to the console's home page.
  schema: z.object({ next: z.string() }),
  async run({ next }): Promise<FormState<"next">> {
    await staffSignIn(returnPathOrHome("staff", next)); // redirects to the identity provider when one is configured
    return { ok: false, message: NOT_CONFIGURED };
  },
});
