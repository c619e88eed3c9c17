// Joining MyChildren's (issue: activation codes). Hospital staff issue a single-use code for one
// patient and relationship (valid 30 days). A new family enters it at /mychildren/register with an
// email and password, which creates the account. A family that already has an account adds the
// patient while signed in ("Add a child" in Account): the registration form never checks an
// existing account's password, so it cannot be used to guess one (SPEC §7).
import { z } from "zod";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { Prisma, type Language, type LinkRelationship, type PrismaClient } from "@/lib/generated/prisma/client";
import { clearFailures, reserveAttempt, type ThrottleRule } from "@/lib/throttle";
import { generateToken, hashToken, normalizeToken } from "@/lib/tokens/format";
import { emailAddress, newPassword, personName, typedCode } from "@/lib/validation";

export const ACTIVATION_CODE_LIFETIME_MS = 30 * 24 * 3_600_000;
/** Guessing codes from one address is bounded like sign-in: 10 failures in 15 minutes lock it for 15. */
export const ACTIVATION_RULE: ThrottleRule = { kind: "ACTIVATION_CODE", maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export async function issueActivationCode(
  input: { mrn: string; relationship: LinkRelationship },
  caller: { staff: string; now?: Date; request?: RequestMetadata },
  prisma: PrismaClient = db(),
): Promise<{ ok: true; code: string; expiresAt: Date } | { ok: false; message: string }> {
  const now = caller.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const patient = await tx.patient.findUnique({ where: { mrn: input.mrn }, select: { id: true } });
    if (!patient) return { ok: false as const, message: `no patient has MRN ${input.mrn}` };
    const code = generateToken();
    const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_LIFETIME_MS);
    await tx.activationCode.create({ data: { patientId: patient.id, relationship: input.relationship, codeHash: hashToken(normalizeToken(code)!), expiresAt, createdAt: now } });
    await recordAudit(tx, { actor: { type: "STAFF", id: caller.staff }, action: "activation.issue", outcome: "SUCCESS", patientId: patient.id, details: { relationship: input.relationship }, request: caller.request });
    return { ok: true as const, code, expiresAt };
  });
}

export const INVALID_CODE = "This activation code is not valid. Check it, or ask the hospital for a new one.";
export const EXISTING_ACCOUNT = "This email already has a MyChildren's account. Sign in and use \"Add a child\" in Account to add this patient to it; the code stays valid.";

export const familyRegistrationInput = z.object({
  code: typedCode({ missing: "Enter the activation code from the hospital.", invalid: INVALID_CODE }),
  fullName: personName(),
  email: emailAddress(),
  password: newPassword,
});

export type FamilyRegistrationField = keyof z.infer<typeof familyRegistrationInput>;

export type FamilyRegistrationOutcome =
  | { ok: true; accountId: string; created: boolean }
  | { ok: false; message: string; field?: FamilyRegistrationField };

export async function registerFamilyAccount(
  input: z.infer<typeof familyRegistrationInput>,
  caller: { now?: Date; request?: RequestMetadata; language?: Language },
  prisma: PrismaClient = db(),
): Promise<FamilyRegistrationOutcome> {
  const now = caller.now ?? new Date();
  const subject = `ip:${caller.request?.ip ?? "unknown"}`;
  // Hashing is slow on purpose: do it before the transaction, which holds the throttle's lock.
  const newHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx): Promise<FamilyRegistrationOutcome> => {
      const reservation = await reserveAttempt(tx, ACTIVATION_RULE, subject, now);
      if (reservation.locked) return { ok: false, message: "Too many attempts. Try again in 15 minutes." };
      const normalized = normalizeToken(input.code);
      const activation = normalized ? await tx.activationCode.findUnique({ where: { codeHash: hashToken(normalized) } }) : null;
      if (!activation || activation.usedAt || activation.expiresAt <= now) return { ok: false, message: INVALID_CODE, field: "code" };

      // An existing account is never touched from here, whatever password was typed: the attempt
      // stays counted toward this address's lock, and the code stays unused.
      if (await tx.familyAccount.findUnique({ where: { email: input.email }, select: { id: true } })) {
        await recordAudit(tx, { actor: { type: "ANONYMOUS" }, action: "account.register", outcome: "DENIED", patientId: activation.patientId, details: { reason: "email-has-account" }, request: caller.request });
        return { ok: false, message: EXISTING_ACCOUNT, field: "email" };
      }
      const used = await tx.activationCode.updateMany({ where: { id: activation.id, usedAt: null }, data: { usedAt: now } });
      if (used.count === 0) return { ok: false, message: INVALID_CODE, field: "code" };
      const account = await tx.familyAccount.create({ data: { fullName: input.fullName, email: input.email, passwordHash: newHash, language: caller.language }, select: { id: true } });
      await linkWithCode(tx, activation, account.id, now);
      await clearFailures(tx, ACTIVATION_RULE, subject);
      await recordAudit(tx, {
        actor: { type: "FAMILY", id: account.id },
        action: "account.register",
        outcome: "SUCCESS",
        patientId: activation.patientId,
        details: { relationship: activation.relationship, newAccount: true },
        request: caller.request,
      });
      return { ok: true, accountId: account.id, created: true };
    });
  } catch (error) {
    // Two registrations with one new email at the same moment: the second is told to sign in.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, message: EXISTING_ACCOUNT, field: "email" };
    }
    throw error;
  }
}

/** Links the code's patient to the account (again, if a link had ended) and records who used it. */
async function linkWithCode(tx: Prisma.TransactionClient, activation: { id: string; patientId: string; relationship: LinkRelationship }, accountId: string, now: Date): Promise<void> {
  await tx.activationCode.update({ where: { id: activation.id }, data: { usedByAccountId: accountId, usedAt: now } });
  await tx.patientLink.upsert({
    where: { accountId_patientId: { accountId, patientId: activation.patientId } },
    create: { accountId, patientId: activation.patientId, relationship: activation.relationship },
    update: { relationship: activation.relationship, endedAt: null },
  });
}

export const addChildInput = z.object({
  code: typedCode({ missing: "Enter the activation code from the hospital.", invalid: INVALID_CODE }),
});

export type AddChildOutcome = { ok: true } | { ok: false; message: string };

/**
 * "Add a child" in Account: the signed-in account uses an activation code. Guesses are bounded per
 * account like registration's per address (10 failures in 15 minutes lock it for 15).
 */
export async function addChildWithCode(input: z.infer<typeof addChildInput>, caller: { accountId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()): Promise<AddChildOutcome> {
  const now = caller.now ?? new Date();
  const subject = `account:${caller.accountId}`;
  const actor = { type: "FAMILY", id: caller.accountId } as const;
  return prisma.$transaction(async (tx): Promise<AddChildOutcome> => {
    const reservation = await reserveAttempt(tx, ACTIVATION_RULE, subject, now);
    if (reservation.locked) return { ok: false, message: "Too many attempts. Try again in 15 minutes." };
    const normalized = normalizeToken(input.code);
    const activation = normalized ? await tx.activationCode.findUnique({ where: { codeHash: hashToken(normalized) } }) : null;
    const account = await tx.familyAccount.findFirst({ where: { id: caller.accountId, status: "ACTIVE" }, select: { id: true } });
    if (!account || !activation || activation.usedAt || activation.expiresAt <= now) {
      await recordAudit(tx, { actor, action: "account.add_child", outcome: "FAILURE", details: { reason: "invalid-code" }, request: caller.request });
      return { ok: false, message: INVALID_CODE };
    }
    const used = await tx.activationCode.updateMany({ where: { id: activation.id, usedAt: null }, data: { usedAt: now } });
    if (used.count === 0) return { ok: false, message: INVALID_CODE };
    await linkWithCode(tx, activation, account.id, now);
    await clearFailures(tx, ACTIVATION_RULE, subject);
    await recordAudit(tx, { actor, action: "account.add_child", outcome: "SUCCESS", patientId: activation.patientId, details: { relationship: activation.relationship }, request: caller.request });
    return { ok: true };
  });
}
