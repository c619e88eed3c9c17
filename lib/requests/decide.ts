// Approving or denying an access request in MyChildren's (SPEC §5). Only the patient's approvers
// may see or decide it; a request is decided once, whoever tries second (another guardian, a
// double click, a replayed form). The decision, the grant, the audit events and the provider's
// email commit together.
import { z } from "zod";
import { requestsVisibleTo } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { addMonths } from "@/lib/dates";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/outbox";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { freeText, recordId } from "@/lib/validation";

/** "Access ends" choices, in months (null: no end date). */
export const ACCESS_ENDS = { none: null, "3m": 3, "6m": 6, "1y": 12 } as const;
export type AccessEnds = keyof typeof ACCESS_ENDS;

const requestId = recordId("This request was not found.");

export const decisionInput = z.discriminatedUnion(
  "decision",
  [
    z.object({
      decision: z.literal("approve"),
      requestId,
      accessEnds: z.enum(Object.keys(ACCESS_ENDS) as [AccessEnds, ...AccessEnds[]], "Choose when access ends."),
    }),
    z.object({
      decision: z.literal("deny"),
      requestId,
      reason: freeText(500, "Keep the reason to 500 characters or fewer."),
    }),
  ],
  { error: "Choose Approve or Deny." },
);

export type DecisionInput = z.infer<typeof decisionInput>;

export const ALREADY_ANSWERED = "This request was already answered";
export const REQUEST_EXPIRED = "This request expired before it was answered";
export const REQUEST_CANCELLED = "The provider cancelled this request";

export type DecisionOutcome =
  | { ok: true; decision: "approve" | "deny" }
  | { ok: false; code: "NOT_FOUND" | "ALREADY_ANSWERED" | "EXPIRED"; message: string };

export async function decideRequest(input: DecisionInput, caller: { accountId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()): Promise<DecisionOutcome> {
  const now = caller.now ?? new Date();
  // A refused decision is audited too: who tried, which request, and why it was refused.
  const refused = async (tx: Prisma.TransactionClient, code: Exclude<DecisionOutcome, { ok: true }>["code"], message: string, patientId: string | null): Promise<DecisionOutcome> => {
    await recordAudit(tx, {
      actor: { type: "FAMILY", id: caller.accountId },
      action: input.decision === "approve" ? "request.approve" : "request.deny",
      outcome: "DENIED",
      patientId,
      details: { requestId: input.requestId, refused: code },
      request: caller.request,
    });
    return { ok: false, code, message };
  };
  return prisma.$transaction(async (tx): Promise<DecisionOutcome> => {
    const request = await tx.accessRequest.findFirst({
      where: { AND: [{ id: input.requestId }, requestsVisibleTo(caller.accountId, now)] },
      include: { provider: { select: { email: true } }, patient: { select: { mrn: true } } },
    });
    if (!request) return refused(tx, "NOT_FOUND", "This request was not found.", null);

    const approving = input.decision === "approve";
    // The single decision: only the first update that still finds the request pending and unexpired wins.
    const { count } = await tx.accessRequest.updateMany({
      where: { id: request.id, status: "PENDING", expiresAt: { gt: now } },
      data: {
        status: approving ? "APPROVED" : "DENIED",
        pendingKey: null,
        decidedById: caller.accountId,
        decidedAt: now,
        decisionReason: input.decision === "deny" ? input.reason || null : null,
      },
    });
    if (count === 0) {
      if (request.status === "PENDING" && request.expiresAt <= now) {
        await tx.accessRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "EXPIRED", pendingKey: null } });
        return refused(tx, "EXPIRED", REQUEST_EXPIRED, request.patientId);
      }
      return refused(tx, "ALREADY_ANSWERED", request.status === "CANCELLED" ? REQUEST_CANCELLED : ALREADY_ANSWERED, request.patientId);
    }

    const actor = { type: "FAMILY", id: caller.accountId } as const;
    if (input.decision === "approve") {
      const months = ACCESS_ENDS[input.accessEnds];
      const endsAt = months === null ? null : addMonths(now, months);
      const grant = await tx.accessGrant.create({
        data: { providerId: request.providerId, patientId: request.patientId, source: "REQUEST", requestId: request.id, grantedById: caller.accountId, startsAt: now, endsAt, createdAt: now },
        select: { id: true },
      });
      await recordAudit(tx, { actor, action: "request.approve", outcome: "SUCCESS", patientId: request.patientId, details: { requestId: request.id }, request: caller.request });
      await recordAudit(tx, { actor, action: "grant.create", outcome: "SUCCESS", patientId: request.patientId, details: { grantId: grant.id, providerId: request.providerId, source: "REQUEST", endsAt: endsAt?.toISOString() ?? null }, request: caller.request });
      await queueEmail(tx, { template: "accessApproved", to: request.provider.email, props: { mrn: request.patient.mrn, endsAt: endsAt?.toISOString() ?? null } });
    } else {
      await recordAudit(tx, { actor, action: "request.deny", outcome: "SUCCESS", patientId: request.patientId, details: { requestId: request.id }, request: caller.request });
      await queueEmail(tx, { template: "accessDeclined", to: request.provider.email, props: {} });
    }
    return { ok: true, decision: input.decision };
  });
}
