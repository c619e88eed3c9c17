// Password reset and change, in both portals (SPEC §5, §6, §7).
// - "Reset your password" answers the same whether or not the email has an account; an active
//   account gets a link (single use, valid 1 hour, only its SHA-256 stored), at most 3 per hour.
// - Following the link changes nothing until the person submits a new password (a link scanner
//   spends nothing); the reset then ends every session of the account and every other open link.
// - "Change password" needs the current password (wrong ones count toward the sign-in lockout)
//   and ends every other session of the account.
// Each is audited and emails the account, in the same transaction as the change.
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { clearFailures, currentLock, reserveAttempt, signInSubject } from "@/lib/auth/lockout";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { PasswordPortalId } from "@/lib/auth/portals";
import { hashSecret, looksLikeSecret, newSecret } from "@/lib/auth/secrets";
import { queueEmail } from "@/lib/email/outbox";
import { ActorType, AuditOutcome, Language, Portal, type Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { RATE_LIMITS, takeRateLimit } from "@/lib/rate-limit";

export const RESET_TTL_MS = 60 * 60 * 1000;

/** The one answer of "Send reset link", whoever the email belongs to. */
export const RESET_LINK_SENT = "If an account uses this email, we sent it a link to reset the password. The link works once, for 1 hour.";

export const RESET_PROBLEMS = {
  used: "This reset link has already been used. Ask for a new one if you still need it.",
  expired: "This reset link has expired: links work for 1 hour. Ask for a new one.",
  unknown: "This reset link is not valid. Open the whole link from the email, or ask for a new one.",
} as const;

export const PASSWORD_RESET_DONE = "Your password was changed, and every session of your account was signed out. Sign in with the new password.";
export const PASSWORD_CHANGED = "Your password was changed. Every other session of your account was signed out.";

export const WRONG_CURRENT_PASSWORD = "Your current password is not right. After 10 unsuccessful tries, changing it is paused for 15 minutes.";

type ResetState = "valid" | keyof typeof RESET_PROBLEMS;

interface Owner {
  id: string;
  fullName: string;
  email: string;
  /** The language of its emails: a family account's own; MyPatients is in English. */
  language: Language;
}

const PORTAL_ROW: Record<PasswordPortalId, Portal> = { mypatients: Portal.MYPATIENTS, mychildren: Portal.MYCHILDRENS };
const ACTOR: Record<PasswordPortalId, "PROVIDER" | "FAMILY"> = { mypatients: ActorType.PROVIDER, mychildren: ActorType.FAMILY };
const ownerKey = (portal: PasswordPortalId, id: string) => (portal === "mypatients" ? { providerId: id } : { accountId: id });

async function activeOwner(tx: Prisma.TransactionClient, portal: PasswordPortalId, where: { email: string } | { id: string }): Promise<Owner | null> {
  const select = { id: true, fullName: true, email: true } as const;
  if (portal === "mychildren") return tx.familyAccount.findFirst({ where: { ...where, status: "ACTIVE" }, select: { ...select, language: true } });
  const provider = await tx.provider.findFirst({ where: { ...where, status: "ACTIVE" }, select });
  return provider && { ...provider, language: Language.EN };
}

/** "Send reset link". Always resolves the same way; what happened is in the audit trail. */
export async function requestPasswordReset(client: PrismaClient, input: { portal: PasswordPortalId; email: string }, request: RequestMetadata, now: Date = new Date()): Promise<void> {
  const { portal, email } = input;
  await client.$transaction(async (tx) => {
    const owner = await activeOwner(tx, portal, { email });
    if (!owner) {
      await recordAudit(tx, { actor: { type: ActorType.ANONYMOUS }, action: "auth.password_reset_request", outcome: AuditOutcome.FAILURE, details: { portal, email, reason: "no-active-account" }, request });
      return;
    }
    const actor = { type: ACTOR[portal], id: owner.id };
    // 3 reset emails per account per hour (SPEC §7): more would flood the owner's inbox.
    const limit = await takeRateLimit(tx, RATE_LIMITS.resetEmail, `${portal}:${owner.id}`, now);
    if (!limit.allowed) {
      await recordAudit(tx, { actor, action: "rate_limit.refuse", outcome: AuditOutcome.DENIED, details: { limit: RATE_LIMITS.resetEmail.kind, retryAt: limit.retryAt.toISOString() }, request });
      return;
    }
    const secret = newSecret();
    await tx.passwordReset.create({ data: { portal: PORTAL_ROW[portal], ...ownerKey(portal, owner.id), tokenHash: hashSecret(secret), expiresAt: new Date(now.getTime() + RESET_TTL_MS), createdAt: now } });
    await recordAudit(tx, { actor, action: "auth.password_reset_request", outcome: AuditOutcome.SUCCESS, details: { portal }, request });
    await queueEmail(tx, { template: portal === "mypatients" ? "providerPasswordReset" : "familyPasswordReset", to: owner.email, language: owner.language, props: { fullName: owner.fullName, secret } });
  });
}

async function resetState(client: PrismaClient | Prisma.TransactionClient, portal: PasswordPortalId, secret: unknown, now: Date): Promise<ResetState> {
  if (!looksLikeSecret(secret)) return "unknown";
  const reset = await client.passwordReset.findUnique({ where: { tokenHash: hashSecret(secret) }, select: { portal: true, usedAt: true, expiresAt: true } });
  if (!reset || reset.portal !== PORTAL_ROW[portal]) return "unknown";
  if (reset.usedAt) return "used";
  return reset.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

/** What a reset link would do if used now; changes nothing (opening the link spends nothing). */
export function inspectPasswordReset(client: PrismaClient, portal: PasswordPortalId, secret: unknown, now: Date = new Date()): Promise<ResetState> {
  return resetState(client, portal, secret, now);
}

export type ResetOutcome = { ok: true } | { ok: false; problem: keyof typeof RESET_PROBLEMS };

/** Sets a new password with a reset link: once per link; ends every session of the account. */
export async function resetPassword(client: PrismaClient, input: { portal: PasswordPortalId; token: string; password: string }, request: RequestMetadata, now: Date = new Date()): Promise<ResetOutcome> {
  const { portal, token } = input;
  if (!looksLikeSecret(token)) return { ok: false, problem: "unknown" };
  const passwordHash = await hashPassword(input.password);
  const tokenHash = hashSecret(token);
  return client.$transaction(async (tx): Promise<ResetOutcome> => {
    // The single use: only the first update that finds the link unused and unexpired wins.
    const { count } = await tx.passwordReset.updateMany({ where: { tokenHash, portal: PORTAL_ROW[portal], usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const reset = count === 1 ? await tx.passwordReset.findUnique({ where: { tokenHash }, select: { providerId: true, accountId: true } }) : null;
    const ownerId = reset?.providerId ?? reset?.accountId ?? null;
    const owner = ownerId ? await activeOwner(tx, portal, { id: ownerId }) : null;
    if (!owner) {
      const state = await resetState(tx, portal, token, now);
      const problem = state === "valid" ? "unknown" : state;
      await recordAudit(tx, { actor: { type: ActorType.ANONYMOUS }, action: "auth.password_reset", outcome: AuditOutcome.FAILURE, details: { portal, reason: count === 1 ? "account-not-active" : problem }, request });
      return { ok: false, problem: count === 1 ? "unknown" : problem };
    }
    const key = ownerKey(portal, owner.id);
    if (portal === "mypatients") await tx.provider.update({ where: { id: owner.id }, data: { passwordHash } });
    else await tx.familyAccount.update({ where: { id: owner.id }, data: { passwordHash } });
    // Every session ends, and every other link sent before this one stops working.
    const { count: sessions } = await tx.session.updateMany({ where: { ...key, revokedAt: null }, data: { revokedAt: now } });
    await tx.passwordReset.updateMany({ where: { ...key, usedAt: null }, data: { usedAt: now } });
    // Whoever was guessing the old password has nothing left to guess: the lockout starts afresh.
    await clearFailures(tx, signInSubject(portal, owner.email));
    await recordAudit(tx, { actor: { type: ACTOR[portal], id: owner.id }, action: "auth.password_reset", outcome: AuditOutcome.SUCCESS, details: { portal, sessionsEnded: sessions }, request });
    await queueEmail(tx, { template: portal === "mypatients" ? "providerPasswordChanged" : "familyPasswordChanged", to: owner.email, language: owner.language, props: { fullName: owner.fullName, how: "reset" } });
    return { ok: true };
  });
}

export type ChangeOutcome = { ok: true } | { ok: false; field: "currentPassword"; message: string };

/**
 * "Change password" in Account: the current password first (a wrong one counts toward the
 * account's sign-in lockout), then the new one; every other session of the account ends.
 */
export async function changePassword(
  client: PrismaClient,
  input: { portal: PasswordPortalId; ownerId: string; sessionId: string; currentPassword: string; newPassword: string },
  request: RequestMetadata,
  now: Date = new Date(),
): Promise<ChangeOutcome> {
  const { portal, ownerId } = input;
  const select = { id: true, email: true, fullName: true, passwordHash: true } as const;
  const owner = portal === "mypatients"
    ? await client.provider.findFirst({ where: { id: ownerId, status: "ACTIVE" }, select }).then((provider) => provider && { ...provider, language: Language.EN })
    : await client.familyAccount.findFirst({ where: { id: ownerId, status: "ACTIVE" }, select: { ...select, language: true } });
  if (!owner) return { ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD };
  const subject = signInSubject(portal, owner.email);
  const actor = { type: ACTOR[portal], id: owner.id };

  const reservation = await client.$transaction((tx) => reserveAttempt(tx, subject, now));
  if (reservation.locked) {
    await client.$transaction((tx) => recordAudit(tx, { actor, action: "auth.password_change", outcome: AuditOutcome.DENIED, details: { reason: "locked" }, request }));
    return { ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD };
  }
  if (!(await verifyPassword(owner.passwordHash, input.currentPassword))) {
    await client.$transaction(async (tx) => {
      const lock = await currentLock(tx, subject, now);
      await recordAudit(tx, { actor, action: "auth.password_change", outcome: AuditOutcome.FAILURE, details: { reason: "wrong-current-password", ...(lock ? { lockedUntil: lock.toISOString() } : {}) }, request });
    });
    return { ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await client.$transaction(async (tx) => {
    await clearFailures(tx, subject);
    if (portal === "mypatients") await tx.provider.update({ where: { id: owner.id }, data: { passwordHash } });
    else await tx.familyAccount.update({ where: { id: owner.id }, data: { passwordHash } });
    const key = ownerKey(portal, owner.id);
    const { count } = await tx.session.updateMany({ where: { ...key, revokedAt: null, id: { not: input.sessionId } }, data: { revokedAt: now } });
    await tx.passwordReset.updateMany({ where: { ...key, usedAt: null }, data: { usedAt: now } });
    await recordAudit(tx, { actor, action: "auth.password_change", outcome: AuditOutcome.SUCCESS, details: { otherSessionsEnded: count }, request });
    await queueEmail(tx, { template: portal === "mypatients" ? "providerPasswordChanged" : "familyPasswordChanged", to: owner.email, language: owner.language, props: { fullName: owner.fullName, how: "change" } });
  });
  return { ok: true };
}
