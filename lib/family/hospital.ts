// What hospital staff do for MyChildren's accounts (SPEC §5b "Families"): disable an account, and
// end one of its links to a patient (a custody change, say). Either takes effect on that person's
// next request and ends the account's sessions at once: a disabled account cannot sign in again,
// and an ended link stops making the account an approver (approverLink in lib/access.ts), so what
// the account sees after signing in again no longer includes that patient. Each change is audited
// in its transaction.
import { recordAudit } from "@/lib/audit/record";
import { revokeAllSessions } from "@/lib/auth/session-store";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StaffContext } from "@/lib/practices/hospital";

export type HospitalOutcome = { ok: true } | { ok: false; message: string };

/** Disables a MyChildren's account: it cannot sign in, and every session it has ends at once. */
export async function disableFamilyAccount(accountId: string, context: StaffContext, prisma: PrismaClient = db()): Promise<HospitalOutcome> {
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.familyAccount.updateMany({ where: { id: accountId, status: "ACTIVE" }, data: { status: "DISABLED", disabledAt: now } });
    if (count === 0) return { ok: false as const, message: "This account was not found, or is already disabled." };
    const sessions = await revokeAllSessions(tx, { accountId }, now);
    await recordAudit(tx, { actor: { type: "STAFF", id: context.staff }, action: "family.disable", outcome: "SUCCESS", details: { accountId, sessionsEnded: sessions }, request: context.request });
    return { ok: true as const };
  });
}

/**
 * Ends an account's link to a patient, with the reason staff gave, and the account's sessions. The
 * account keeps its other links; once signed in again it no longer sees the patient's pages or
 * decides their requests.
 */
export async function endPatientLink(linkId: string, reason: string, context: StaffContext, prisma: PrismaClient = db()): Promise<HospitalOutcome> {
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.patientLink.updateMany({ where: { id: linkId, endedAt: null }, data: { endedAt: now, endedReason: reason, endedByStaff: context.staff } });
    if (count === 0) return { ok: false as const, message: "This link was not found, or has already ended." };
    const link = await tx.patientLink.findUniqueOrThrow({ where: { id: linkId }, select: { accountId: true, patientId: true, relationship: true } });
    const sessions = await revokeAllSessions(tx, { accountId: link.accountId }, now);
    await recordAudit(tx, {
      actor: { type: "STAFF", id: context.staff },
      action: "family.end_link",
      outcome: "SUCCESS",
      patientId: link.patientId,
      details: { accountId: link.accountId, linkId, relationship: link.relationship, reason, sessionsEnded: sessions },
      request: context.request,
    });
    return { ok: true as const };
  });
}
