// The browser's half of a pending sign-in (lib/auth/two-step.ts): a cookie holding the pending
// row's secret for its 5 minutes. httpOnly, SameSite=Lax, Secure (with __Host-) as the session
// cookie is; it opens no page but the second step's.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { looksLikeSecret } from "@/lib/auth/secrets";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { findPendingSignIn, PENDING_SIGN_IN_MS, type PendingPurpose } from "@/lib/auth/two-step";
import { db } from "@/lib/db";

function pendingCookieName(): string {
  const session = sessionCookie("mypatients");
  return `${session.options.secure ? "__Host-" : ""}mypatients.pending-sign-in`;
}

export async function setPendingCookie(secret: string): Promise<void> {
  const { options } = sessionCookie("mypatients");
  (await cookies()).set(pendingCookieName(), secret, { ...options, maxAge: PENDING_SIGN_IN_MS / 1000 });
}

export async function clearPendingCookie(): Promise<void> {
  (await cookies()).delete(pendingCookieName());
}

export interface PendingCaller {
  secret: string;
  providerId: string;
  purpose: PendingPurpose;
}

/** The pending sign-in of this browser, or null (none, expired or spent). */
export const getPendingSignIn = cache(async (): Promise<PendingCaller | null> => {
  const secret = (await cookies()).get(pendingCookieName())?.value;
  if (!looksLikeSecret(secret)) return null;
  const pending = await findPendingSignIn(db(), secret);
  return pending ? { secret, providerId: pending.providerId, purpose: pending.purpose as PendingPurpose } : null;
});

/** The pending sign-in; without one, the browser is sent back to sign in with its password. */
export async function requirePendingSignIn(): Promise<PendingCaller> {
  const pending = await getPendingSignIn();
  if (pending) return pending;
  redirect("/mypatients/login");
}
