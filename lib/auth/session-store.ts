// Server-side sessions (SPEC §7): a Session row per sign-in, found by the SHA-256 of the secret
// held in the user's cookie and checked on every request. A session ends when it is revoked
// (sign-out, account disabled), after 30 minutes without a request, or 12 hours after sign-in.
import { PORTALS, type PortalId } from "@/lib/auth/portals";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import { runStatement, SqlValues } from "@/lib/db";
import type { Language, Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so a burst of requests costs one write. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

/** Where a provider's membership of their practice stands (SPEC §2). */
export type Membership = "PENDING" | "APPROVED" | "DECLINED" | "ENDED";

export interface ProviderPrincipal {
  portal: "mypatients";
  sessionId: string;
  providerId: string;
  fullName: string;
  email: string;
  practiceId: string;
  membership: Membership;
  /** A site administrator of their practice (with an approved membership in force). */
  siteAdmin: boolean;
}

export interface FamilyPrincipal {
  portal: "mychildren";
  sessionId: string;
  accountId: string;
  fullName: string;
  email: string;
  /** The account's language for MyChildren's pages and its emails (SPEC §9). */
  language: Language;
}

/** A member of the hospital's staff, signed in through the hospital's identity provider (SPEC §5b). */
export interface StaffPrincipal {
  portal: "staff";
  sessionId: string;
  staffId: string;
  fullName: string;
  email: string;
}

export type Principal = ProviderPrincipal | FamilyPrincipal | StaffPrincipal;

export type SessionState = "active" | "revoked" | "expired" | "idle";

/** Whether a session row is still usable at `now` (the account's status is checked separately). */
export function sessionState(row: { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date }, now: Date): SessionState {
  if (row.revokedAt) return "revoked";
  if (now.getTime() >= row.expiresAt.getTime()) return "expired";
  if (now.getTime() - row.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return "idle";
  return "active";
}

type SessionOwner = { portal: "mypatients"; providerId: string } | { portal: "mychildren"; accountId: string } | { portal: "staff"; staffId: string };

function ownerColumnsOf(owner: SessionOwner): { providerId: string } | { accountId: string } | { staffId: string } {
  if (owner.portal === "mypatients") return { providerId: owner.providerId };
  if (owner.portal === "mychildren") return { accountId: owner.accountId };
  return { staffId: owner.staffId };
}

/** Opens a session for the owner; returns the secret for the cookie (only its hash is stored). */
export async function createSession(tx: Prisma.TransactionClient, owner: SessionOwner, now: Date): Promise<{ id: string; secret: string }> {
  const secret = newSecret();
  const ownerColumns = ownerColumnsOf(owner);
  // The owner's sessions that ended a day ago or more are of no further use.
  await tx.session.deleteMany({ where: { ...ownerColumns, expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
  const session = await tx.session.create({
    data: {
      tokenHash: hashSecret(secret),
      portal: PORTALS[owner.portal].sessionPortal,
      ...ownerColumns,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    },
    select: { id: true },
  });
  return { id: session.id, secret };
}

/**
 * The signed-in user of `portal` whose cookie holds `secret`, or null when that session is
 * unknown, of the other portal, revoked, expired, idle, or its account is no longer active.
 * Marks the session as seen at `now`.
 */
export async function validateSession(client: PrismaClient | Prisma.TransactionClient, portal: PortalId, secret: string, now: Date): Promise<Principal | null> {
  // Every request of a signed-in user reads its session: one statement, sent without Prisma,
  // whose own work would cost several times the statement (decision 015).
  const [row] = await runStatement<SessionRow>(client, { name: "session-check", text: SESSION_CHECK, values: [hashSecret(secret)] });
  return principalOf(client, portal, row, now);
}

/**
 * validateSession for MyPatients, with one more fact read in the same statement: `also` writes it
 * as an SQL condition on the session's provider, whose id is the SQL `provider` (null when the
 * session is not a provider's), its values added to `values`. The fact is false unless the
 * session is valid.
 */
export async function validateProviderSessionWith(
  client: PrismaClient,
  secret: string,
  now: Date,
  also: (values: SqlValues, provider: string) => string,
): Promise<{ principal: ProviderPrincipal | null; also: boolean }> {
  const values = new SqlValues();
  const tokenHash = values.add(hashSecret(secret));
  const [row] = await runStatement<SessionRow & { also: boolean }>(client, values.statement(sessionCheck(tokenHash, `, (${also(values, "p.id")}) AS "also"`)));
  const principal = await principalOf(client, "mypatients", row, now);
  return principal?.portal === "mypatients" ? { principal, also: row!.also } : { principal: null, also: false };
}

/** The principal of a SESSION_CHECK row for `portal` at `now`, as validateSession says. */
async function principalOf(client: PrismaClient | Prisma.TransactionClient, portal: PortalId, row: SessionRow | undefined, now: Date): Promise<Principal | null> {
  if (!row || row.portal !== PORTALS[portal].sessionPortal || sessionState(row, now) !== "active") return null;

  let principal: Principal | null = null;
  if (portal === "mypatients" && row.providerId && row.providerStatus === "ACTIVE") {
    const membership = row.membershipEndedAt ? "ENDED" : row.membershipStatus;
    principal = {
      portal,
      sessionId: row.id,
      providerId: row.providerId,
      fullName: row.providerName,
      email: row.providerEmail,
      practiceId: row.practiceId,
      membership,
      siteAdmin: membership === "APPROVED" && row.membershipRole === "SITE_ADMIN",
    };
  } else if (portal === "mychildren" && row.accountId && row.accountStatus === "ACTIVE") {
    principal = { portal, sessionId: row.id, accountId: row.accountId, fullName: row.accountName, email: row.accountEmail, language: row.language };
  } else if (portal === "staff" && row.staffId && !row.disabledAt) {
    principal = { portal, sessionId: row.id, staffId: row.staffId, fullName: row.staffName, email: row.staffEmail };
  }
  if (!principal) {
    // The account was disabled (or never activated): its session ends for good.
    await client.session.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now } });
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await client.session.updateMany({ where: { id: row.id, revokedAt: null, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
  }
  return principal;
}

/**
 * The session whose token hash is the placeholder `tokenHash`, with its owner (a provider `p`, a
 * family account or staff), and the columns `more`.
 */
function sessionCheck(tokenHash: string, more = ""): string {
  return `
  SELECT s.id, s.portal, s."revokedAt", s."expiresAt", s."lastSeenAt",
         p.id AS "providerId", p."fullName" AS "providerName", p.email AS "providerEmail", p.status AS "providerStatus",
         p."practiceId", p."membershipStatus", p."membershipRole", p."membershipEndedAt",
         a.id AS "accountId", a."fullName" AS "accountName", a.email AS "accountEmail", a.status AS "accountStatus", a.language,
         st.id AS "staffId", st."fullName" AS "staffName", st.email AS "staffEmail", st."disabledAt"${more}
  FROM "Session" s
  LEFT JOIN "Provider" p ON p.id = s."providerId"
  LEFT JOIN "FamilyAccount" a ON a.id = s."accountId"
  LEFT JOIN "Staff" st ON st.id = s."staffId"
  WHERE s."tokenHash" = ${tokenHash}`;
}
const SESSION_CHECK = sessionCheck("$1");

/** A row of SESSION_CHECK: the owner's columns of the other portals are null. */
interface SessionRow {
  id: string;
  portal: string;
  revokedAt: Date | null;
  expiresAt: Date;
  lastSeenAt: Date;
  providerId: string | null;
  providerName: string;
  providerEmail: string;
  providerStatus: string;
  practiceId: string;
  membershipStatus: Membership;
  membershipRole: string;
  membershipEndedAt: Date | null;
  accountId: string | null;
  accountName: string;
  accountEmail: string;
  accountStatus: string;
  language: Language;
  staffId: string | null;
  staffName: string;
  staffEmail: string;
  disabledAt: Date | null;
}

/** Ends the session whose cookie holds `secret`; returns it when it was still open. */
export async function revokeSession(
  tx: Prisma.TransactionClient,
  secret: string,
  now: Date,
): Promise<{ id: string; providerId: string | null; accountId: string | null; staff: { email: string } | null } | null> {
  const tokenHash = hashSecret(secret);
  const { count } = await tx.session.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) return null;
  return tx.session.findUnique({ where: { tokenHash }, select: { id: true, providerId: true, accountId: true, staff: { select: { email: true } } } });
}

/** Ends every open session of a provider, MyChildren's account or staff member; returns how many. */
export async function revokeAllSessions(tx: Prisma.TransactionClient, owner: { providerId: string } | { accountId: string } | { staffId: string }, now: Date): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { ...owner, revokedAt: null }, data: { revokedAt: now } });
  return count;
}
