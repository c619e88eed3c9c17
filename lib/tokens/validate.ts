// "Validate a Token" (SPEC §4): a provider enters a token and the MRN it belongs to. Right token,
// right MRN, unused and unexpired: the token is used up and a TOKEN grant created, in one
// transaction, so of two providers racing on one token exactly one wins. Five failures within
// 15 minutes lock token validation for that provider for 15 minutes. A token works only for the
// provider whose verified email it was sent to: anyone else holding it gets the same answer as for
// a wrong token, and the attempt counts toward their lock.
import { z } from "zod";
import { approverLink } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/outbox";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clearFailures, reserveAttempt, type ThrottleRule } from "@/lib/throttle";
import { hashToken, normalizeToken } from "@/lib/tokens/format";
import { mrn, typedCode } from "@/lib/validation";

export const TOKEN_VALIDATION_RULE: ThrottleRule = { kind: "TOKEN_VALIDATION", maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const MESSAGES = {
  INVALID: "This token is not valid for this MRN",
  EXPIRED: "This token has expired",
  LOCKED: "Too many attempts. Try again in 15 minutes.",
} as const;

export const validateTokenInput = z.object({
  token: typedCode({ missing: "Enter the token from the invitation.", invalid: MESSAGES.INVALID }),
  mrn: mrn("Enter the MRN as digits only.", "Enter the patient's MRN."),
});

export type ValidationOutcome = { ok: true; mrn: string } | { ok: false; code: keyof typeof MESSAGES; message: string };

export async function validateToken(
  input: z.infer<typeof validateTokenInput>,
  caller: { providerId: string; now?: Date; request?: RequestMetadata },
  prisma: PrismaClient = db(),
): Promise<ValidationOutcome> {
  const now = caller.now ?? new Date();
  const actor = { type: "PROVIDER", id: caller.providerId } as const;
  return prisma.$transaction(async (tx): Promise<ValidationOutcome> => {
    const reservation = await reserveAttempt(tx, TOKEN_VALIDATION_RULE, caller.providerId, now);
    if (reservation.locked) {
      await recordAudit(tx, { actor, action: "token.validate", outcome: "DENIED", details: { mrn: input.mrn, reason: "locked" }, request: caller.request });
      return { ok: false, code: "LOCKED", message: MESSAGES.LOCKED };
    }
    const fail = async (code: "INVALID" | "EXPIRED", patientId: string | null = null, reason: string = code.toLowerCase()): Promise<ValidationOutcome> => {
      await recordAudit(tx, { actor, action: "token.validate", outcome: "FAILURE", patientId, details: { mrn: input.mrn, reason }, request: caller.request });
      return { ok: false, code, message: MESSAGES[code] };
    };

    const provider = await tx.provider.findFirst({ where: { id: caller.providerId, status: "ACTIVE" }, select: { id: true, email: true, emailVerifiedAt: true, fullName: true, practice: { select: { name: true } } } });
    const normalized = normalizeToken(input.token);
    const token = provider && normalized
      ? await tx.invitationToken.findUnique({ where: { tokenHash: hashToken(normalized) }, include: { patient: { select: { id: true, mrn: true } } } })
      : null;
    // Wrong, used, withdrawn, or for another MRN: one answer, which reveals nothing more.
    if (!token || token.patient.mrn !== input.mrn || token.usedAt || token.withdrawnAt) return fail("INVALID");
    // Sent to another provider's email (or this provider's email is not verified): the same answer,
    // and the audit trail says which, with the patient, for whoever reviews a leaked token.
    if (!provider?.emailVerifiedAt || provider.email !== token.providerEmail.toLowerCase()) return fail("INVALID", token.patientId, "not-invitee");
    if (token.expiresAt <= now) return fail("EXPIRED", token.patientId);

    const { count } = await tx.invitationToken.updateMany({
      where: { id: token.id, usedAt: null, withdrawnAt: null },
      data: { usedAt: now, usedByProviderId: caller.providerId },
    });
    if (count === 0) return fail("INVALID"); // another provider used it a moment ago
    const grant = await tx.accessGrant.create({
      data: { providerId: caller.providerId, patientId: token.patientId, source: "TOKEN", tokenId: token.id, grantedById: token.issuedById, startsAt: now, createdAt: now },
      select: { id: true },
    });
    await clearFailures(tx, TOKEN_VALIDATION_RULE, caller.providerId);
    await recordAudit(tx, { actor, action: "token.validate", outcome: "SUCCESS", patientId: token.patientId, details: { invitationId: token.id }, request: caller.request });
    await recordAudit(tx, { actor, action: "grant.create", outcome: "SUCCESS", patientId: token.patientId, details: { grantId: grant.id, providerId: caller.providerId, source: "TOKEN" }, request: caller.request });
    // "A provider used your invitation" (SPEC §6), to every approver, with the token's use: once.
    const approvers = await tx.patientLink.findMany({ where: { AND: [{ patientId: token.patientId }, approverLink(now)] }, select: { account: { select: { email: true, language: true } } } });
    for (const { account } of approvers) {
      await queueEmail(tx, { template: "invitationUsed", to: account.email, language: account.language, props: { providerName: provider.fullName, practiceName: provider.practice.name, mrn: token.patient.mrn } });
    }
    return { ok: true, mrn: token.patient.mrn };
  });
}
