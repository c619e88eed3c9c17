// The signed-in user of the request being handled, for pages and server actions: the portal's
// cookie is decrypted and its Session row checked (lib/auth/session-store.ts), once per render; on
// a record page, proxy.ts's gate has checked it already and hands over its signed verdict.
// Every portal page and server action starts here; proxy.ts is only a first gate.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { GATE_VERDICT_HEADER, readVerdict } from "@/lib/auth/gate-verdict";
import { REQUEST_PATH_HEADER, signInUrl, type PortalId } from "@/lib/auth/portals";
import { safeReturnPath } from "@/lib/auth/return-path";
import { readSessionSecret, sessionCookie } from "@/lib/auth/session-cookie";
import { validateSession, type FamilyPrincipal, type Principal, type ProviderPrincipal, type StaffPrincipal } from "@/lib/auth/session-store";
import { db } from "@/lib/db";

async function currentPrincipal(portal: PortalId): Promise<Principal | null> {
  const value = (await cookies()).get(sessionCookie(portal).name)?.value;
  const secret = await readSessionSecret(portal, value);
  if (!secret) return null;
  const now = new Date();
  // A record page's session was checked by proxy.ts's gate a moment ago, for this very cookie.
  const checked = portal === "mypatients" ? readVerdict((await headers()).get(GATE_VERDICT_HEADER), secret, now) : null;
  return checked ?? validateSession(db(), portal, secret, now);
}

/** The signed-in provider, or null. */
export const getProvider = cache(async (): Promise<ProviderPrincipal | null> => {
  const principal = await currentPrincipal("mypatients");
  return principal?.portal === "mypatients" ? principal : null;
});

/** The signed-in MyChildren's account, or null. */
export const getFamilyAccount = cache(async (): Promise<FamilyPrincipal | null> => {
  const principal = await currentPrincipal("mychildren");
  return principal?.portal === "mychildren" ? principal : null;
});

/** The signed-in member of the hospital's staff (staff console), or null. */
export const getStaff = cache(async (): Promise<StaffPrincipal | null> => {
  const principal = await currentPrincipal("staff");
  return principal?.portal === "staff" ? principal : null;
});

/** Sends the user to the portal's sign-in page, to come back to the page they asked for. */
async function redirectToSignIn(portal: PortalId): Promise<never> {
  const requested = (await headers()).get(REQUEST_PATH_HEADER);
  redirect(signInUrl(portal, safeReturnPath(portal, requested)));
}

/** The signed-in provider; anyone else is sent to MyPatients' sign-in page. */
export async function requireProvider(): Promise<ProviderPrincipal> {
  return (await getProvider()) ?? redirectToSignIn("mypatients");
}

/** The signed-in MyChildren's account; anyone else is sent to MyChildren's sign-in page. */
export async function requireFamilyAccount(): Promise<FamilyPrincipal> {
  return (await getFamilyAccount()) ?? redirectToSignIn("mychildren");
}

/** The signed-in member of staff; anyone else is sent to the staff console's sign-in page. */
export async function requireStaff(): Promise<StaffPrincipal> {
  return (await getStaff()) ?? redirectToSignIn("staff");
}
