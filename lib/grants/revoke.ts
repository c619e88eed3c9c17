// Revoking a grant from MyChildren's (SPEC §5). It takes effect on the provider's very next
// request: every read checks `revokedAt` in its query. The provider is emailed.
import { grantInForce, grantsManagedBy } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/outbox";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type RevokeOutcome = { ok: true } | { ok: false; message: string };

export async function revokeGrant(grantId: string, caller: { accountId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()): Promise<RevokeOutcome> {
  const now = caller.now ?? new Date();
  return prisma.$transaction(async (tx): Promise<RevokeOutcome> => {
    const grant = await tx.accessGrant.findFirst({
      where: { AND: [{ id: grantId }, grantsManagedBy(caller.accountId, now)] },
      include: { provider: { select: { email: true } } },
    });
    if (!grant) return { ok: false, message: "This access was not found." };
    const { count } = await tx.accessGrant.updateMany({
      where: { AND: [{ id: grant.id }, grantInForce(now)] },
      data: { revokedAt: now, revokedById: caller.accountId },
    });
    if (count === 0) return { ok: false, message: "This access had already ended." };
    await recordAudit(tx, {
      actor: { type: "FAMILY", id: caller.accountId },
      action: "grant.revoke",
      outcome: "SUCCESS",
      patientId: grant.patientId,
      details: { grantId: grant.id, providerId: grant.providerId },
      request: caller.request,
    });
    await queueEmail(tx, { template: "accessRevoked", to: grant.provider.email, props: {} });
    return { ok: true };
  });
}
