// The least each measured request does: the session row, the access rule, the audit event.
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import pg from "pg";

const shared = globalThis as unknown as { pool?: pg.Pool };
export const pool = (shared.pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 }));

/** The provider whose session the `sid` cookie holds, or null. */
export async function signedInProvider(): Promise<string | null> {
  const secret = (await cookies()).get("sid")?.value;
  if (!secret) return null;
  const { rows } = await pool.query<{ id: string }>({
    name: "session",
    text: `SELECT p.id FROM "Session" s JOIN "Provider" p ON p.id = s."providerId"
           WHERE s."tokenHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > now() AND p.status = 'ACTIVE'`,
    values: [createHash("sha256").update(secret).digest("hex")],
  });
  return rows[0]?.id ?? null;
}

/** The access rule on patient `pt` for provider $1: an approved member of the PCP's practice, or a grant in force. */
export const VIEWABLE = `(
  EXISTS (SELECT 1 FROM "Provider" pcp JOIN "Provider" me ON me."practiceId" = pcp."practiceId"
          WHERE pcp.id = pt."pcpId" AND me.id = $1 AND me.status = 'ACTIVE'
            AND me."membershipStatus" = 'APPROVED' AND me."membershipEndedAt" IS NULL)
  OR EXISTS (SELECT 1 FROM "AccessGrant" g JOIN "Provider" me ON me.id = g."providerId"
             WHERE g."patientId" = pt.id AND g."providerId" = $1 AND me.status = 'ACTIVE' AND g."revokedAt" IS NULL
               AND g."startsAt" <= now() AND (g."endsAt" IS NULL OR g."endsAt" > now())))`;

export async function audit(providerId: string, action: string, patientId: string | null): Promise<void> {
  await pool.query({
    name: "audit",
    text: `INSERT INTO "AuditEvent" ("actorType", "actorId", action, "patientId", outcome, details) VALUES ('PROVIDER', $1, $2, $3, 'SUCCESS', '{}')`,
    values: [providerId, action, patientId],
  });
}
