// Two-step sign-in for MyPatients (SPEC §7, decision 012): a time-based code (TOTP, RFC 6238,
// through `otpauth`) after the password, or one of 10 single-use recovery codes. The TOTP secret
// is stored AES-256-GCM encrypted with a key derived from AUTH_SECRET; recovery codes are stored
// as argon2id hashes. Between the two steps the browser holds only a PendingSignIn's secret (its
// SHA-256 in the database, 5 minutes, opens no session).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt } from "node:crypto";
import * as OTPAuth from "otpauth";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { signInSubject } from "@/lib/auth/lockout";
import * as lockout from "@/lib/auth/lockout";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import { authSecret } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/session-store";
import { ActorType, AuditOutcome, type Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import * as throttle from "@/lib/throttle";

export const ISSUER = "MyPatients";
export const PERIOD_SECONDS = 30;
/** Codes of the previous and next 30 seconds are accepted too (clock drift). */
const WINDOW = 1;
export const PENDING_SIGN_IN_MS = 5 * 60 * 1000;
export const RECOVERY_CODE_COUNT = 10;

/** The second step's own lockout: 5 wrong codes within 15 minutes pause it for 15 minutes. */
export const TWO_STEP_RULE: throttle.ThrottleRule = { kind: "TWO_STEP", maxFailures: 5, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 };

export const SECOND_STEP_REFUSED =
  "That code did not work. Enter the current 6-digit code from your authenticator app, or one of your recovery codes. After 5 unsuccessful tries, this step is paused for 15 minutes.";
export const SECOND_STEP_EXPIRED = "This sign-in has expired. Sign in again with your email and password.";
export const ENROL_CODE_REFUSED = "That code did not work. Enter the current 6-digit code your authenticator app shows for MyPatients.";
export const WRONG_PASSWORD_FOR_DISABLE = "That is not your current password.";

// ---------------------------------------------------------------- the secret at rest

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "mypatients", "two-step sign-in secret v1", 32));
}

export function encryptTotpSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function decryptTotpSecret(stored: string): string {
  const [version, iv, body, tag] = stored.split(".");
  if (version !== "v1" || !iv || !body || !tag) throw new Error("Unreadable two-step secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

function totp(base32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(base32) });
}

/** The time step a 6-digit code belongs to, when it is valid at `now` (± one step), else null. */
function matchingStep(base32: string, code: string, now: Date): number | null {
  const delta = totp(base32, "check").validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return null;
  return OTPAuth.TOTP.counter({ period: PERIOD_SECONDS, timestamp: now.getTime() }) + delta;
}

// ---------------------------------------------------------------- recovery codes

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** xxxxx-xxxxx from an unambiguous alphabet: about 49 bits each. */
function newRecoveryCode(): string {
  const part = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
  return `${part()}-${part()}`;
}

/** How a typed recovery code is compared: lower case, no spaces or dashes. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

// ---------------------------------------------------------------- enrolment

export interface Enrolment {
  secret: string;
  uri: string;
}

/**
 * Starts (or restarts) enrolment: a new secret, stored encrypted, not yet in force. Refused
 * (null) when two-step sign-in is already on.
 */
export async function beginEnrolment(client: PrismaClient | Prisma.TransactionClient, providerId: string): Promise<Enrolment | null> {
  const provider = await client.provider.findUnique({ where: { id: providerId }, select: { email: true, twoStepEnabledAt: true } });
  if (!provider || provider.twoStepEnabledAt) return null;
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await client.provider.update({ where: { id: providerId }, data: { twoStepSecret: encryptTotpSecret(secret), twoStepLastStep: null } });
  return { secret, uri: totp(secret, provider.email).toString() };
}

/** The enrolment in progress (secret and otpauth URI), if any. */
export async function enrolmentInProgress(client: PrismaClient, providerId: string): Promise<Enrolment | null> {
  const provider = await client.provider.findUnique({ where: { id: providerId }, select: { email: true, twoStepSecret: true, twoStepEnabledAt: true } });
  if (!provider?.twoStepSecret || provider.twoStepEnabledAt) return null;
  const secret = decryptTotpSecret(provider.twoStepSecret);
  return { secret, uri: totp(secret, provider.email).toString() };
}

export type ConfirmOutcome = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

/**
 * Confirms enrolment with one code from the app: two-step sign-in is on from then, and 10
 * recovery codes are made (returned once, stored hashed). Wrong codes count toward the
 * second step's lockout.
 */
export async function confirmEnrolment(client: PrismaClient, providerId: string, code: string, request: RequestMetadata, now: Date = new Date()): Promise<ConfirmOutcome> {
  const provider = await client.provider.findUnique({ where: { id: providerId }, select: { twoStepSecret: true, twoStepEnabledAt: true } });
  if (!provider?.twoStepSecret || provider.twoStepEnabledAt) return { ok: false, message: "Start again: turn on two-step sign-in from Account." };
  const actor = { type: ActorType.PROVIDER, id: providerId };
  const reservation = await client.$transaction((tx) => throttle.reserveAttempt(tx, TWO_STEP_RULE, providerId, now));
  if (reservation.locked) {
    await client.$transaction((tx) => recordAudit(tx, { actor, action: "auth.two_step_enable", outcome: AuditOutcome.DENIED, details: { reason: "locked" }, request }));
    return { ok: false, message: ENROL_CODE_REFUSED };
  }
  const step = isTotpCode(code) ? matchingStep(decryptTotpSecret(provider.twoStepSecret), code, now) : null;
  if (step === null) {
    await client.$transaction((tx) => recordAudit(tx, { actor, action: "auth.two_step_enable", outcome: AuditOutcome.FAILURE, details: { reason: "wrong-code" }, request }));
    return { ok: false, message: ENROL_CODE_REFUSED };
  }
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(recoveryCodes.map((c) => hashPassword(normalizeRecoveryCode(c))));
  const enabled = await client.$transaction(async (tx) => {
    const { count } = await tx.provider.updateMany({ where: { id: providerId, twoStepEnabledAt: null, twoStepSecret: provider.twoStepSecret }, data: { twoStepEnabledAt: now, twoStepLastStep: step } });
    if (count === 0) return false;
    await throttle.clearFailures(tx, TWO_STEP_RULE, providerId);
    await tx.recoveryCode.deleteMany({ where: { providerId } });
    await tx.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ providerId, codeHash, createdAt: now })) });
    await recordAudit(tx, { actor, action: "auth.two_step_enable", outcome: AuditOutcome.SUCCESS, details: { recoveryCodes: RECOVERY_CODE_COUNT }, request });
    return true;
  });
  if (!enabled) return { ok: false, message: "Start again: turn on two-step sign-in from Account." };
  return { ok: true, recoveryCodes };
}

export type DisableOutcome = { ok: true } | { ok: false; message: string };

/** Turns two-step sign-in off; needs the current password (a wrong one counts toward the sign-in lockout). */
export async function disableTwoStep(client: PrismaClient, providerId: string, currentPassword: string, request: RequestMetadata, now: Date = new Date()): Promise<DisableOutcome> {
  const provider = await client.provider.findUnique({ where: { id: providerId }, select: { email: true, passwordHash: true, twoStepEnabledAt: true } });
  if (!provider) return { ok: false, message: WRONG_PASSWORD_FOR_DISABLE };
  const actor = { type: ActorType.PROVIDER, id: providerId };
  const subject = signInSubject("mypatients", provider.email);
  const reservation = await client.$transaction((tx) => lockout.reserveAttempt(tx, subject, now));
  if (reservation.locked) {
    await client.$transaction((tx) => recordAudit(tx, { actor, action: "auth.two_step_disable", outcome: AuditOutcome.DENIED, details: { reason: "locked" }, request }));
    return { ok: false, message: WRONG_PASSWORD_FOR_DISABLE };
  }
  if (!(await verifyPassword(provider.passwordHash, currentPassword))) {
    await client.$transaction((tx) => recordAudit(tx, { actor, action: "auth.two_step_disable", outcome: AuditOutcome.FAILURE, details: { reason: "wrong-current-password" }, request }));
    return { ok: false, message: WRONG_PASSWORD_FOR_DISABLE };
  }
  await client.$transaction(async (tx) => {
    await lockout.clearFailures(tx, subject);
    await tx.provider.update({ where: { id: providerId }, data: { twoStepSecret: null, twoStepEnabledAt: null, twoStepLastStep: null } });
    await tx.recoveryCode.deleteMany({ where: { providerId } });
    await recordAudit(tx, { actor, action: "auth.two_step_disable", outcome: AuditOutcome.SUCCESS, details: { wasOn: provider.twoStepEnabledAt !== null }, request });
  });
  return { ok: true };
}

// ---------------------------------------------------------------- between the two steps

export type PendingPurpose = "CODE" | "ENROL";

/** Opens the 5-minute half-signed-in state after a right password; returns the cookie's secret. */
export async function openPendingSignIn(tx: Prisma.TransactionClient, providerId: string, purpose: PendingPurpose, now: Date): Promise<string> {
  const secret = newSecret();
  await tx.pendingSignIn.deleteMany({ where: { providerId, expiresAt: { lt: now } } });
  await tx.pendingSignIn.create({ data: { tokenHash: hashSecret(secret), providerId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + PENDING_SIGN_IN_MS) } });
  return secret;
}

/** The pending sign-in behind a cookie's secret, while unused and unexpired. */
export async function findPendingSignIn(client: PrismaClient | Prisma.TransactionClient, secret: string, now: Date = new Date()) {
  return client.pendingSignIn.findFirst({ where: { tokenHash: hashSecret(secret), usedAt: null, expiresAt: { gt: now } }, select: { id: true, providerId: true, purpose: true } });
}

export type SecondStepOutcome = { ok: true; providerId: string; sessionSecret: string } | { ok: false; message: string; expired?: boolean };

/** Spends the pending sign-in and opens the session (inside the caller's transaction). */
async function finishSignIn(tx: Prisma.TransactionClient, pendingId: string, providerId: string, method: string, request: RequestMetadata, now: Date): Promise<string | null> {
  const { count } = await tx.pendingSignIn.updateMany({ where: { id: pendingId, usedAt: null }, data: { usedAt: now } });
  if (count === 0) return null;
  await throttle.clearFailures(tx, TWO_STEP_RULE, providerId);
  const session = await createSession(tx, { portal: "mypatients", providerId }, now);
  await recordAudit(tx, { actor: { type: ActorType.PROVIDER, id: providerId }, action: "auth.sign_in", outcome: AuditOutcome.SUCCESS, details: { portal: "mypatients", sessionId: session.id, secondStep: method }, request });
  return session.secret;
}

/**
 * The second step: a current TOTP code (never one whose time step was already used) or an unused
 * recovery code (spent). Failures count toward the second step's own lockout.
 */
export async function completeSecondStep(client: PrismaClient, input: { pendingSecret: string; code: string }, request: RequestMetadata, now: Date = new Date()): Promise<SecondStepOutcome> {
  const pending = await findPendingSignIn(client, input.pendingSecret, now);
  if (!pending || pending.purpose !== "CODE") return { ok: false, message: SECOND_STEP_EXPIRED, expired: true };
  const { providerId } = pending;
  const actor = { type: ActorType.PROVIDER, id: providerId };

  const reservation = await client.$transaction((tx) => throttle.reserveAttempt(tx, TWO_STEP_RULE, providerId, now));
  if (reservation.locked) {
    await client.$transaction((tx) => recordAudit(tx, { actor, action: "auth.two_step", outcome: AuditOutcome.DENIED, details: { reason: "locked", lockedUntil: reservation.locked.toISOString() }, request }));
    return { ok: false, message: SECOND_STEP_REFUSED };
  }
  const provider = await client.provider.findFirst({ where: { id: providerId, status: "ACTIVE" }, select: { twoStepSecret: true, twoStepEnabledAt: true } });
  const refuse = async (reason: string): Promise<SecondStepOutcome> => {
    await client.$transaction(async (tx) => {
      const lock = await throttle.currentLock(tx, TWO_STEP_RULE, providerId, now);
      await recordAudit(tx, { actor, action: "auth.two_step", outcome: AuditOutcome.FAILURE, details: { reason, ...(lock ? { lockedUntil: lock.toISOString() } : {}) }, request });
    });
    return { ok: false, message: SECOND_STEP_REFUSED };
  };
  if (!provider?.twoStepSecret || !provider.twoStepEnabledAt) return refuse("not-enrolled");

  if (isTotpCode(input.code)) {
    const step = matchingStep(decryptTotpSecret(provider.twoStepSecret), input.code, now);
    if (step === null) return refuse("wrong-code");
    const secret = await client.$transaction(async (tx) => {
      // Conditional on the last used step, so one code cannot open two sessions, even at once.
      const { count } = await tx.provider.updateMany({ where: { id: providerId, OR: [{ twoStepLastStep: null }, { twoStepLastStep: { lt: step } }] }, data: { twoStepLastStep: step } });
      if (count === 0) return "replayed" as const;
      return finishSignIn(tx, pending.id, providerId, "code", request, now);
    });
    if (secret === "replayed") return refuse("replayed-code");
    if (!secret) return { ok: false, message: SECOND_STEP_EXPIRED, expired: true };
    return { ok: true, providerId, sessionSecret: secret };
  }

  const typed = normalizeRecoveryCode(input.code);
  const unused = await client.recoveryCode.findMany({ where: { providerId, usedAt: null }, select: { id: true, codeHash: true } });
  let match: string | null = null;
  for (const candidate of unused) {
    if (await verifyPassword(candidate.codeHash, typed)) match = candidate.id;
  }
  if (!match) return refuse("wrong-recovery-code");
  const matched = match;
  const secret = await client.$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({ where: { id: matched, usedAt: null }, data: { usedAt: now } });
    if (count === 0) return "spent" as const;
    const left = await tx.recoveryCode.count({ where: { providerId, usedAt: null } });
    await recordAudit(tx, { actor, action: "auth.recovery_code_use", outcome: AuditOutcome.SUCCESS, details: { recoveryCodesLeft: left }, request });
    return finishSignIn(tx, pending.id, providerId, "recovery-code", request, now);
  });
  if (secret === "spent") return refuse("spent-recovery-code");
  if (!secret) return { ok: false, message: SECOND_STEP_EXPIRED, expired: true };
  return { ok: true, providerId, sessionSecret: secret };
}

export type EnrolAtSignInOutcome = { ok: true; providerId: string; sessionSecret: string; recoveryCodes: string[] } | { ok: false; message: string; expired?: boolean };

/**
 * When two-step sign-in is required and the provider has none yet: the pending sign-in allows
 * only enrolment; confirming it spends the pending sign-in and opens the session.
 */
export async function confirmEnrolmentAtSignIn(client: PrismaClient, input: { pendingSecret: string; code: string }, request: RequestMetadata, now: Date = new Date()): Promise<EnrolAtSignInOutcome> {
  const pending = await findPendingSignIn(client, input.pendingSecret, now);
  if (!pending || pending.purpose !== "ENROL") return { ok: false, message: SECOND_STEP_EXPIRED, expired: true };
  const confirmed = await confirmEnrolment(client, pending.providerId, input.code, request, now);
  if (!confirmed.ok) return confirmed;
  const secret = await client.$transaction((tx) => finishSignIn(tx, pending.id, pending.providerId, "enrolment", request, now));
  if (!secret) return { ok: false, message: SECOND_STEP_EXPIRED, expired: true };
  return { ok: true, providerId: pending.providerId, sessionSecret: secret, recoveryCodes: confirmed.recoveryCodes };
}
