// Withdrawing an unused invitation (SPEC §5): the token stops working at once.
import { invitationsManagedBy } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function withdrawInvitation(invitationId: string, caller: { accountId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()) {
  const now = caller.now ?? new Date();
  return prisma.$transaction(async (tx): Promise<{ ok: true } | { ok: false; message: string }> => {
    const invitation = await tx.invitationToken.findFirst({ where: { AND: [{ id: invitationId }, invitationsManagedBy(caller.accountId, now)] }, select: { id: true, patientId: true } });
    if (!invitation) return { ok: false, message: "This invitation was not found." };
    const { count } = await tx.invitationToken.updateMany({ where: { id: invitation.id, usedAt: null, withdrawnAt: null }, data: { withdrawnAt: now } });
    if (count === 0) return { ok: false, message: "This invitation was already used or withdrawn." };
    await recordAudit(tx, {
      actor: { type: "FAMILY", id: caller.accountId },
      action: "token.withdraw",
      outcome: "SUCCESS",
      patientId: invitation.patientId,
      details: { invitationId: invitation.id },
      request: caller.request,
    });
    return { ok: true };
  });
}
