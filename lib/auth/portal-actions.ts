// What the portals' sign-in and sign-out server actions do; each portal's actions.ts calls these
// with its own portal, so both portals sign in and out the same way.
import "server-only";
import { redirect } from "next/navigation";
import { endCurrentSession, passwordSignIn } from "@/lib/auth/next-auth";
import { PORTALS, type PortalId } from "@/lib/auth/portals";
import { returnPathOrHome } from "@/lib/auth/return-path";
import { SIGN_IN_REFUSED } from "@/lib/auth/sign-in";
import { fieldErrors, signInSchema, type SignInField } from "@/lib/auth/validation";
import { CHECK_FIELDS, formStrings, type FormState } from "@/lib/forms";

export const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable right now. Try again in a few minutes.";

/** Validates the sign-in form, signs in, and on success goes to the (safe) return path. */
export async function signInFromForm(portal: PortalId, formData: FormData): Promise<FormState<SignInField>> {
  const input = formStrings(formData, ["email", "password"] as const);
  const values = { email: input.email };
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: CHECK_FIELDS, fieldErrors: fieldErrors<SignInField>(parsed.error), values };

  const result = await passwordSignIn(portal, parsed.data);
  if (result === "refused") return { ok: false, message: SIGN_IN_REFUSED, values };
  if (result === "unavailable") return { ok: false, message: SIGN_IN_UNAVAILABLE, values };
  redirect(returnPathOrHome(portal, formData.get("next")));
}

/** Ends the portal session at once and returns to the portal's sign-in page. */
export async function signOutFromPortal(portal: PortalId): Promise<never> {
  await endCurrentSession(portal);
  redirect(PORTALS[portal].login);
}
