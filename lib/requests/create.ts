// "Request Non-PCP access" (SPEC §4): one pending request per provider and patient, sent to
// every approver. The request, its audit event and the approvers' emails commit together.
import { z } from "zod";
import { approvedMember, approverLink, viewableBy } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { queueEmail } from "@/lib/email/outbox";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { MEMBERSHIP_REQUIRED } from "@/lib/practices/memberships";
import { RATE_LIMITS, takeRateLimit } from "@/lib/rate-limit";
import { freeText, mrn } from "@/lib/validation";

export const REQUEST_LIFETIME_MS = 30 * 24 * 3_600_000;
export const ASK_AGAIN_AFTER_DENIAL_MS = 7 * 24 * 3_600_000;

export const requestInput = z.object({
  mrn: mrn("Choose a patient from the search results."),
  reason: freeText(500, "Keep the reason to 500 characters or fewer."),
});

export type RequestOutcome =
  | { ok: true; requestId: string }
  | { ok: false; code: "NOT_FOUND" | "NOT_MEMBER" | "ALREADY_AUTHORIZED" | "PENDING" | "NO_APPROVER" | "RECENTLY_DENIED" | "RATE_LIMITED"; message: string };

export const MESSAGES = {
  NOT_FOUND: "No matching patient found",
  ALREADY_AUTHORIZED: "You can already open this patient's record.",
  PENDING: "An access request for this patient is already pending.",
  NO_APPROVER: "This patient does not have a MyChildren's account",
  NOT_MEMBER: MEMBERSHIP_REQUIRED,
} as const;

/** The key that makes a second pending request of the same provider for the same patient impossible. */
export function pendingKey(providerId: string, patientId: string): string {
  return `${providerId}:${patientId}`;
}

/** Marks pending requests whose 30 days ran out as EXPIRED (at read time; the background job also tidies). */
export async function expireStaleRequests(tx: Prisma.TransactionClient, where: Prisma.AccessRequestWhereInput, now: Date): Promise<void> {
  await tx.accessRequest.updateMany({ where: { ...where, status: "PENDING", expiresAt: { lte: now } }, data: { status: "EXPIRED", pendingKey: null } });
}

export async function requestAccess(
  input: { mrn: string; reason: string },
  caller: { providerId: string; now?: Date; request?: RequestMetadata },
  prisma: PrismaClient = db(),
): Promise<RequestOutcome> {
  const now = caller.now ?? new Date();
  // A refused request is audited too (who tried, for which patient when known, and why it was refused).
  const refused = async (tx: Prisma.TransactionClient, code: Exclude<RequestOutcome, { ok: true }>["code"], message: string, patientId: string | null = null): Promise<RequestOutcome> => {
    await recordAudit(tx, { actor: { type: "PROVIDER", id: caller.providerId }, action: "request.create", outcome: "DENIED", patientId, details: { refused: code }, request: caller.request });
    return { ok: false, code, message };
  };
  try {
    return await prisma.$transaction(async (tx): Promise<RequestOutcome> => {
      // Requesting access needs an approved membership (SPEC §3), whatever the caller was let through;
      // an account that is not active reads as if nothing existed.
      const provider = await tx.provider.findFirst({ where: { AND: [{ id: caller.providerId }, approvedMember] }, include: { practice: true } });
      if (!provider) {
        const active = await tx.provider.findFirst({ where: { id: caller.providerId, status: "ACTIVE" }, select: { id: true } });
        return active ? refused(tx, "NOT_MEMBER", MESSAGES.NOT_MEMBER) : refused(tx, "NOT_FOUND", MESSAGES.NOT_FOUND);
      }
      const patient = await tx.patient.findUnique({ where: { mrn: input.mrn }, select: { id: true } });
      if (!patient) return refused(tx, "NOT_FOUND", MESSAGES.NOT_FOUND);

      if (await tx.patient.findFirst({ where: { AND: [{ id: patient.id }, viewableBy(provider.id, now)] }, select: { id: true } })) {
        return refused(tx, "ALREADY_AUTHORIZED", MESSAGES.ALREADY_AUTHORIZED, patient.id);
      }
      const approvers = await tx.patientLink.findMany({
        where: { AND: [{ patientId: patient.id }, approverLink(now)] },
        select: { account: { select: { email: true, language: true } } },
      });
      if (approvers.length === 0) return refused(tx, "NO_APPROVER", MESSAGES.NO_APPROVER, patient.id);

      const mine = { providerId: provider.id, patientId: patient.id };
      await expireStaleRequests(tx, mine, now);
      if (await tx.accessRequest.findFirst({ where: { ...mine, status: "PENDING" }, select: { id: true } })) {
        return refused(tx, "PENDING", MESSAGES.PENDING, patient.id);
      }
      const denied = await tx.accessRequest.findFirst({
        where: { ...mine, status: "DENIED", decidedAt: { gt: new Date(now.getTime() - ASK_AGAIN_AFTER_DENIAL_MS) } },
        orderBy: { decidedAt: "desc" },
        select: { decidedAt: true },
      });
      if (denied?.decidedAt) {
        const again = new Date(denied.decidedAt.getTime() + ASK_AGAIN_AFTER_DENIAL_MS);
        return refused(tx, "RECENTLY_DENIED", `Your last request was declined. You can ask again on ${formatDate(again)}.`, patient.id);
      }

      // 20 requests per provider per 24 hours (SPEC §7): counted when one would be sent.
      const limit = await takeRateLimit(tx, RATE_LIMITS.accessRequest, provider.id, now);
      if (!limit.allowed) {
        await recordAudit(tx, { actor: { type: "PROVIDER", id: provider.id }, action: "rate_limit.refuse", outcome: "DENIED", patientId: patient.id, details: { limit: RATE_LIMITS.accessRequest.kind, retryAt: limit.retryAt.toISOString() }, request: caller.request });
        return { ok: false, code: "RATE_LIMITED", message: limit.message };
      }

      const request = await tx.accessRequest.create({
        data: { ...mine, reason: input.reason || null, pendingKey: pendingKey(provider.id, patient.id), expiresAt: new Date(now.getTime() + REQUEST_LIFETIME_MS), createdAt: now },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor: { type: "PROVIDER", id: provider.id },
        action: "request.create",
        outcome: "SUCCESS",
        patientId: patient.id,
        details: { requestId: request.id },
        request: caller.request,
      });
      for (const { account } of approvers) {
        await queueEmail(tx, {
          template: "accessRequested",
          to: account.email,
          language: account.language,
          props: { providerName: provider.fullName, practiceName: provider.practice.name, requestId: request.id },
        });
      }
      return { ok: true, requestId: request.id };
    });
  } catch (error) {
    // A concurrent click created the pending request first: this one changes nothing.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return prisma.$transaction(async (tx) => refused(tx, "PENDING", MESSAGES.PENDING, (await tx.patient.findUnique({ where: { mrn: input.mrn }, select: { id: true } }))?.id ?? null));
    }
    throw error;
  }
}
