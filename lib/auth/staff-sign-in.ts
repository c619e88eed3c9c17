// Single sign-on for the staff console (SPEC §5b): the hospital's identity provider says who the
// person is; the staff table says whether they may come in. An identity that is not listed (or is
// disabled, or whose email the provider says is unverified) is refused, and the refusal audited.
// Staff are named in the audit trail by their email, as the hospital functions name them
// (lib/practices/hospital.ts). A listed one gets a Session row like the portals' (revocable, 30 minutes idle, 12 hours absolute).
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { createSession } from "@/lib/auth/session-store";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { emailAddress } from "@/lib/validation";

/** What the identity provider told us about the person (the ID token's claims). */
export interface IdentityClaims {
  sub?: string | null;
  email?: string | null;
  email_verified?: boolean | null;
  iss?: string | null;
}

/** Shown on the sign-in page to an identity that is not on the staff list. */
export const NOT_STAFF =
  "Your hospital account is not on the staff console's list. Ask the hospital's administrators to add you.";

const staffEmail = emailAddress();

/** The staff member the identity is, or null (the refusal is audited). */
async function findStaff(prisma: PrismaClient, claims: IdentityClaims): Promise<{ id: string; email: string } | null> {
  const email = staffEmail.safeParse(claims.email ?? "");
  // An identity provider that says the address is not verified does not vouch for it.
  if (!email.success || claims.email_verified === false) return null;
  return prisma.staff.findFirst({ where: { email: email.data, disabledAt: null }, select: { id: true, email: true } });
}

/** Whether this identity may sign in to the staff console; a refusal writes its audit event. */
export async function mayStaffSignIn(prisma: PrismaClient, claims: IdentityClaims, request: RequestMetadata): Promise<boolean> {
  const staff = await findStaff(prisma, claims);
  if (staff) return true;
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor: { type: "ANONYMOUS" },
      action: "staff.sign_in_refused",
      outcome: "DENIED",
      details: { portal: "staff", email: (claims.email ?? "").slice(0, 254), subject: (claims.sub ?? "").slice(0, 255), issuer: (claims.iss ?? "").slice(0, 500), emailVerified: claims.email_verified ?? null },
      request,
    }),
  );
  return false;
}

/**
 * Opens a staff session for this identity (checked again: it may have been removed since) and
 * audits the sign-in; returns the secret for the cookie, or null when it is refused.
 */
export async function openStaffSession(prisma: PrismaClient, claims: IdentityClaims, request: RequestMetadata, now: Date = new Date()): Promise<string | null> {
  const staff = await findStaff(prisma, claims);
  if (!staff) return null;
  return prisma.$transaction(async (tx) => {
    const session = await createSession(tx, { portal: "staff", staffId: staff.id }, now);
    await recordAudit(tx, { actor: { type: "STAFF", id: staff.email }, action: "auth.sign_in", outcome: "SUCCESS", details: { portal: "staff", sessionId: session.id, issuer: (claims.iss ?? "").slice(0, 500) }, request });
    return session.secret;
  });
}
