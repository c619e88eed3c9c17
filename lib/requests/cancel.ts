// "Cancel request" on My access requests (SPEC §2, §4): a provider withdraws their own pending
// request. It becomes CANCELLED, so the family's pages stop offering it; of a cancel and a decision
// racing, one conditional update wins.
import { z } from "zod";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordId } from "@/lib/validation";

export const CANCEL_NOT_FOUND = "This request was not found.";
export const CANCEL_NOT_PENDING = "This request is no longer pending, so it cannot be cancelled.";

export const cancelInput = z.object({ requestId: recordId(CANCEL_NOT_FOUND) });

export type CancelOutcome = { ok: true } | { ok: false; code: "NOT_FOUND" | "NOT_PENDING"; message: string };

export async function cancelRequest(input: z.infer<typeof cancelInput>, caller: { providerId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()): Promise<CancelOutcome> {
  const now = caller.now ?? new Date();
  return prisma.$transaction(async (tx): Promise<CancelOutcome> => {
    // Only the provider's own request: anyone else's reads as if it did not exist.
    const request = await tx.accessRequest.findFirst({ where: { id: input.requestId, providerId: caller.providerId }, select: { id: true, patientId: true } });
    if (!request) return { ok: false, code: "NOT_FOUND", message: CANCEL_NOT_FOUND };
    const { count } = await tx.accessRequest.updateMany({
      where: { id: request.id, providerId: caller.providerId, status: "PENDING", expiresAt: { gt: now } },
      data: { status: "CANCELLED", pendingKey: null, decidedAt: now },
    });
    if (count === 0) return { ok: false, code: "NOT_PENDING", message: CANCEL_NOT_PENDING };
    await recordAudit(tx, { actor: { type: "PROVIDER", id: caller.providerId }, action: "request.cancel", outcome: "SUCCESS", patientId: request.patientId, details: { requestId: request.id }, request: caller.request });
    return { ok: true };
  });
}
