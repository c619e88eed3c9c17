// What hospital staff do for practices and providers (SPEC §5b; the admin CLI until the staff
// console): enroll a practice a newcomer named, see who waits for the hospital, disable and enable
// provider accounts. Membership decisions are the same functions site administrators use
// (lib/practices/memberships.ts), with a staff actor.
import { practiceWithoutSiteAdministrator, practiceWithWaitingMembers, waitingMember } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { revokeAllSessions } from "@/lib/auth/session-store";
import { db } from "@/lib/db";
import type { PracticeKind, PrismaClient } from "@/lib/generated/prisma/client";
import { notifyMembershipWaiting } from "@/lib/practices/waiting";

export interface StaffContext {
  /** Who acts: the staff member's identity (their email in the console, their name in the CLI). */
  staff: string;
  now?: Date;
  request?: RequestMetadata;
}

/**
 * Enrolls a pending practice. Its waiting providers still need approving, by staff (the practice
 * has no site administrator yet); the first one approved can then be named site administrator.
 */
export async function enrollPractice(practiceId: string, options: { kind?: PracticeKind } & StaffContext, prisma: PrismaClient = db()): Promise<{ ok: true } | { ok: false; message: string }> {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.practice.updateMany({
      where: { id: practiceId, status: "PENDING" },
      data: { status: "ENROLLED", enrolledAt: now, enrolledByStaff: options.staff, membersConfirmedAt: now, ...(options.kind ? { kind: options.kind } : {}) },
    });
    if (count === 0) return { ok: false as const, message: "This practice is not waiting to be enrolled." };
    await recordAudit(tx, { actor: { type: "STAFF", id: options.staff }, action: "practice.enroll", outcome: "SUCCESS", details: { practiceId, ...(options.kind ? { kind: options.kind } : {}) }, request: options.request });
    return { ok: true as const };
  });
}

const waitingProvider = { id: true, fullName: true, email: true, npi: true, createdAt: true, emailVerifiedAt: true } as const;

/**
 * Who waits for the hospital (SPEC §5b "Waiting for approval"): providers of practices not yet
 * enrolled, and of enrolled practices without a site administrator. Providers of practices with
 * site administrators wait for those instead. Only verified emails count.
 */
export async function waitingForHospital(prisma: PrismaClient = db()) {
  const waiting = { where: waitingMember, select: waitingProvider, orderBy: { createdAt: "asc" as const } };
  const [newPractices, withoutAdmin] = await Promise.all([
    prisma.practice.findMany({ where: { AND: [{ status: "PENDING" }, practiceWithWaitingMembers] }, select: { id: true, name: true, city: true, phone: true, createdAt: true, providers: waiting }, orderBy: { createdAt: "asc" } }),
    prisma.practice.findMany({
      where: { AND: [{ status: "ENROLLED" }, practiceWithWaitingMembers, practiceWithoutSiteAdministrator] },
      select: { id: true, name: true, city: true, phone: true, createdAt: true, providers: waiting },
      orderBy: { name: "asc" },
    }),
  ]);
  return { newPractices, withoutAdmin };
}

/** Disables a provider account: it cannot sign in, and every session it has ends at once. */
export async function disableProvider(providerId: string, context: StaffContext, prisma: PrismaClient = db()): Promise<{ ok: true } | { ok: false; message: string }> {
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.provider.updateMany({ where: { id: providerId, status: { not: "DISABLED" } }, data: { status: "DISABLED", disabledAt: now } });
    if (count === 0) return { ok: false as const, message: "This provider was not found, or is already disabled." };
    const sessions = await revokeAllSessions(tx, { providerId }, now);
    await recordAudit(tx, { actor: { type: "STAFF", id: context.staff }, action: "provider.disable", outcome: "SUCCESS", details: { providerId, sessionsEnded: sessions }, request: context.request });
    return { ok: true as const };
  });
}

/** Enables a disabled provider account again (verified, since it was active before). */
export async function enableProvider(providerId: string, context: StaffContext, prisma: PrismaClient = db()): Promise<{ ok: true } | { ok: false; message: string }> {
  return prisma.$transaction(async (tx) => {
    const provider = await tx.provider.findFirst({ where: { id: providerId, status: "DISABLED" }, select: { emailVerifiedAt: true } });
    if (!provider) return { ok: false as const, message: "This provider was not found, or is not disabled." };
    await tx.provider.update({ where: { id: providerId }, data: { status: provider.emailVerifiedAt ? "ACTIVE" : "UNVERIFIED", disabledAt: null } });
    await recordAudit(tx, { actor: { type: "STAFF", id: context.staff }, action: "provider.enable", outcome: "SUCCESS", details: { providerId }, request: context.request });
    if (provider.emailVerifiedAt) await notifyMembershipWaiting(tx, providerId);
    return { ok: true as const };
  });
}
