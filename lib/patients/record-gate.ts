// proxy.ts's first gate in front of /mypatients/patients/[mrn]: the same access rule as the
// data layer, checked before the page runs. The page checks again on its own; this gate only
// means a fault in one of them still shows nothing.
import { viewableBySql } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import { validateSession } from "@/lib/auth/session-store";
import { db, runStatement, SqlValues } from "@/lib/db";
import type { RequestMetadata } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isMrn } from "@/lib/patients/mrn";

const RECORD_PATH = /^\/mypatients\/patients\/([^/]+)\/?$/;

/** The MRN of a record page's path, or null for any other path. */
export function recordPathMrn(pathname: string): string | null {
  const match = RECORD_PATH.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!; // malformed percent-encoding: not an MRN, so "not found"
  }
}

/**
 * Whether the session whose cookie holds `sessionSecret` may open the record of `mrn`. A refusal
 * is audited here, since the page will not run.
 */
export async function mayOpenRecord(sessionSecret: string, mrn: string, request: RequestMetadata, now = new Date(), prisma: PrismaClient = db()): Promise<boolean | "signed-out"> {
  const principal = await validateSession(prisma, "mypatients", sessionSecret, now);
  if (principal?.portal !== "mypatients") return "signed-out";
  const allowed = isMrn(mrn) && (await viewableMrn(prisma, mrn, principal.providerId, now));
  if (!allowed) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, { actor: { type: "PROVIDER", id: principal.providerId }, action: "record.view", outcome: "DENIED", details: { mrn: mrn.slice(0, 20), gate: "proxy" }, request }),
    );
  }
  return allowed;
}

/** Whether the patient with `mrn` exists and `providerId` may view it: one statement, past Prisma (decision 017). */
async function viewableMrn(prisma: PrismaClient, mrn: string, providerId: string, now: Date): Promise<boolean> {
  const values = new SqlValues();
  const text = `SELECT 1 FROM "Patient" pt WHERE pt.mrn = ${values.add(mrn)} AND ${viewableBySql(values, "pt", providerId, now)}`;
  return (await runStatement(prisma, values.statement(text))).length > 0;
}
