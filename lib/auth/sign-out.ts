// Signing out: the session row is revoked at once, so the cookie opens nothing even if kept.
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import type { PortalId } from "@/lib/auth/portals";
import { revokeSession } from "@/lib/auth/session-store";
import { ActorType, AuditOutcome, type PrismaClient } from "@/lib/generated/prisma/client";

/** Revokes the session whose cookie holds `secret` and audits it; false when it was not open. */
export async function signOutSession(client: PrismaClient, portal: PortalId, secret: string, request: RequestMetadata, now: Date = new Date()): Promise<boolean> {
  return client.$transaction(async (tx) => {
    const session = await revokeSession(tx, secret, now);
    if (!session) return false;
    await recordAudit(tx, {
      actor: session.providerId
        ? { type: ActorType.PROVIDER, id: session.providerId }
        : session.staff
          ? { type: ActorType.STAFF, id: session.staff.email }
          : { type: ActorType.FAMILY, id: session.accountId },
      action: "auth.sign_out",
      outcome: AuditOutcome.SUCCESS,
      details: { portal, sessionId: session.id },
      request,
    });
    return true;
  });
}
