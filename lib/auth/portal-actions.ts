// What the portals' sign-in and sign-out server actions do; each portal's actions.ts makes its own
// with its portal, so both portals sign in and out the same way.
import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { endCurrentSession, passwordSignIn } from "@/lib/auth/next-auth";
import { PORTALS, type PasswordPortalId } from "@/lib/auth/portals";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { SIGN_IN_REFUSED } from "@/lib/auth/sign-in";
import { signInSchema, type SignInField } from "@/lib/auth/validation";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/forms";

export const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable right now. Try again in a few minutes.";

/** The sign-in form's action for `portal`: signs in, and on success goes to the (safe) return path. */
export function signInAction(portal: PasswordPortalId) {
  return formAction({
    caller: "public",
    fields: ["email", "password", "next"],
    hidden: ["next"],
    secret: ["password"],
    // "next" is where to go afterwards: anything unsafe falls back to the portal's home page.
    schema: signInSchema.extend({ next: z.string() }),
    async run({ next, ...credentials }): Promise<FormState<SignInField | "next">> {
      const result = await passwordSignIn(portal, credentials);
      if (result === "refused") return { ok: false, message: SIGN_IN_REFUSED };
      if (result === "unavailable") return { ok: false, message: SIGN_IN_UNAVAILABLE };
      redirect(returnPathOrHome(portal, next));
    },
  });
}

/** Ends the portal session at once and returns to the portal's sign-in page. */
export async function signOutFromPortal(portal: PasswordPortalId): Promise<never> {
  await endCurrentSession(portal);
  redirect(PORTALS[portal].login);
}

