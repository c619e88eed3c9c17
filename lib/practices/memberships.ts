// Practice memberships (SPEC §2, §4): nobody vouches for themselves. A site administrator of the
// practice, or hospital staff, approves or declines a provider's membership, removes members,
// names other site administrators and confirms the member list every 90 days. Each change, its
// audit event and its email commit together; of two people deciding at once, exactly one wins.
import { approvedMember, membershipInForce, membersManagedBy, practiceAdministeredBy, siteAdministratorsOf } from "@/lib/access";
import { recordAudit, type AuditAction, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/outbox";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** Who acts: a site administrator (a provider), or hospital staff (named by their identity). */
export type MembershipActor = { providerId: string } | { staff: string };

export interface ActorContext {
  actor: MembershipActor;
  now?: Date;
  request?: RequestMetadata;
}

export type MembershipOutcome = { ok: true } | { ok: false; code: "NOT_FOUND" | "ALREADY_DECIDED" | "LAST_SITE_ADMIN" | "NOT_ENROLLED" | "OWN_MEMBERSHIP"; message: string };

export const MESSAGES = {
  NOT_FOUND: "This provider was not found.",
  ALREADY_DECIDED: "This membership was already decided.",
  LAST_SITE_ADMIN: "A practice needs at least one site administrator: name another one first.",
  NOT_ENROLLED: "The practice is not enrolled yet: enroll it first.",
  OWN_MEMBERSHIP: "Nobody can decide their own membership.",
} as const;

/** Said to a provider without an approved membership who tries to search or request access. */
export const MEMBERSHIP_REQUIRED = "Your account is waiting for approval. You can search and request access once your practice approves it.";

/** Said to anyone but a site administrator who calls a practice's management: it does not exist for them. */
export const SITE_ADMIN_REQUIRED = "This page was not found.";

const refuse = (code: keyof typeof MESSAGES): MembershipOutcome => ({ ok: false, code, message: MESSAGES[code] });

/** The providers `actor` may act on: a site administrator's own practice; everyone for staff. */
function manageable(actor: MembershipActor): Prisma.ProviderWhereInput {
  return "providerId" in actor ? membersManagedBy(actor.providerId) : {};
}

function auditActor(actor: MembershipActor) {
  return "providerId" in actor ? ({ type: "PROVIDER", id: actor.providerId } as const) : ({ type: "STAFF", id: actor.staff } as const);
}

/** Who decided, as stored on the membership. */
function decidedBy(actor: MembershipActor) {
  return "providerId" in actor ? { membershipDecidedById: actor.providerId, membershipDecidedByStaff: null } : { membershipDecidedById: null, membershipDecidedByStaff: actor.staff };
}

/** Who removed the member, as stored on the membership. */
function endedBy(actor: MembershipActor) {
  return "providerId" in actor ? { membershipEndedById: actor.providerId, membershipEndedByStaff: null } : { membershipEndedById: null, membershipEndedByStaff: actor.staff };
}

type Target = { id: string; email: string; fullName: string; practiceId: string; status: string; membershipStatus: string; membershipRole: string; membershipEndedAt: Date | null; practice: { name: string; status: string } };

/** The provider `targetId` if `actor` may act on them, with what the decision needs; null otherwise. */
async function findTarget(tx: Prisma.TransactionClient, targetId: string, actor: MembershipActor): Promise<Target | null> {
  return tx.provider.findFirst({
    where: { AND: [{ id: targetId }, manageable(actor)] },
    select: { id: true, email: true, fullName: true, practiceId: true, status: true, membershipStatus: true, membershipRole: true, membershipEndedAt: true, practice: { select: { name: true, status: true } } },
  });
}

/** Someone acting on their own membership: a provider on themselves, or staff on an account with their own email. */
function isOwn(target: Target, actor: MembershipActor): boolean {
  return "providerId" in actor ? actor.providerId === target.id : actor.staff.trim().toLowerCase() === target.email;
}

async function audit(tx: Prisma.TransactionClient, action: AuditAction, target: Target, context: ActorContext, details: Prisma.InputJsonObject = {}) {
  await recordAudit(tx, { actor: auditActor(context.actor), action, outcome: "SUCCESS", details: { providerId: target.id, practiceId: target.practiceId, ...details }, request: context.request });
}

/**
 * Serializes changes to one practice's site administrators until `tx` ends, so two of them
 * stepping down at once cannot leave the practice with none.
 */
async function lockPractice(tx: Prisma.TransactionClient, practiceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Practice" WHERE id = ${practiceId}::uuid FOR UPDATE`;
}

async function isLastSiteAdmin(tx: Prisma.TransactionClient, target: Target): Promise<boolean> {
  if (target.membershipRole !== "SITE_ADMIN" || target.membershipStatus !== "APPROVED" || target.membershipEndedAt) return false;
  await lockPractice(tx, target.practiceId);
  const others = await tx.provider.count({ where: { AND: [siteAdministratorsOf(target.practiceId), { id: { not: target.id } }] } });
  return others === 0;
}

/**
 * Approves a waiting membership. Site administrators approve members of their own practice who
 * are waiting; hospital staff may also take back a decline or a removal. The provider is emailed.
 */
export async function approveMembership(targetId: string, context: ActorContext, prisma: PrismaClient = db()): Promise<MembershipOutcome> {
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const target = await findTarget(tx, targetId, context.actor);
    if (!target || target.status === "UNVERIFIED") return refuse("NOT_FOUND");
    if (isOwn(target, context.actor)) return refuse("OWN_MEMBERSHIP");
    if (target.practice.status !== "ENROLLED") return refuse("NOT_ENROLLED");
    const reopenable: Prisma.ProviderWhereInput[] = "staff" in context.actor ? [{ membershipStatus: { in: ["PENDING", "DECLINED"] } }, { membershipEndedAt: { not: null } }] : [{ membershipStatus: "PENDING" }];
    const { count } = await tx.provider.updateMany({
      where: { id: target.id, OR: reopenable },
      data: { membershipStatus: "APPROVED", membershipRole: "MEMBER", membershipDecidedAt: now, membershipEndedAt: null, membershipEndedById: null, membershipEndedByStaff: null, ...decidedBy(context.actor) },
    });
    if (count === 0) return refuse("ALREADY_DECIDED");
    await audit(tx, "membership.approve", target, context);
    await queueEmail(tx, { template: "membershipApproved", to: target.email, props: { fullName: target.fullName, practiceName: target.practice.name } });
    return { ok: true };
  });
}

/** Declines a waiting membership; the provider is emailed, and can still use invitations sent to them. */
export async function declineMembership(targetId: string, context: ActorContext, prisma: PrismaClient = db()): Promise<MembershipOutcome> {
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const target = await findTarget(tx, targetId, context.actor);
    if (!target || target.status === "UNVERIFIED") return refuse("NOT_FOUND");
    if (isOwn(target, context.actor)) return refuse("OWN_MEMBERSHIP");
    const { count } = await tx.provider.updateMany({
      where: { id: target.id, membershipStatus: "PENDING" },
      data: { membershipStatus: "DECLINED", membershipDecidedAt: now, ...decidedBy(context.actor) },
    });
    if (count === 0) return refuse("ALREADY_DECIDED");
    await audit(tx, "membership.decline", target, context);
    await queueEmail(tx, { template: "membershipDeclined", to: target.email, props: { fullName: target.fullName, practiceName: target.practice.name } });
    return { ok: true };
  });
}

/**
 * Removes a member from the practice: their access through the practice ends on their very next
 * request (the access rule reads the membership); grants made to them personally stay.
 */
export async function removeMember(targetId: string, context: ActorContext, prisma: PrismaClient = db()): Promise<MembershipOutcome> {
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const target = await findTarget(tx, targetId, context.actor);
    if (!target) return refuse("NOT_FOUND");
    if (await isLastSiteAdmin(tx, target)) return refuse("LAST_SITE_ADMIN");
    const { count } = await tx.provider.updateMany({
      where: { AND: [{ id: target.id }, membershipInForce] },
      data: { membershipEndedAt: now, membershipRole: "MEMBER", ...endedBy(context.actor) },
    });
    if (count === 0) return refuse("ALREADY_DECIDED");
    await audit(tx, "membership.remove", target, context);
    return { ok: true };
  });
}

/** Names an approved member a site administrator of their practice. */
export async function makeSiteAdmin(targetId: string, context: ActorContext, prisma: PrismaClient = db()): Promise<MembershipOutcome> {
  return prisma.$transaction(async (tx) => {
    const target = await findTarget(tx, targetId, context.actor);
    if (!target) return refuse("NOT_FOUND");
    if (target.practice.status !== "ENROLLED") return refuse("NOT_ENROLLED");
    const { count } = await tx.provider.updateMany({ where: { AND: [{ id: target.id, membershipRole: "MEMBER" }, approvedMember] }, data: { membershipRole: "SITE_ADMIN" } });
    if (count === 0) return refuse("ALREADY_DECIDED");
    await audit(tx, "membership.make_site_admin", target, context);
    return { ok: true };
  });
}

/** A site administrator becomes a member again, unless they are the practice's last one. */
export async function removeSiteAdminRole(targetId: string, context: ActorContext, prisma: PrismaClient = db()): Promise<MembershipOutcome> {
  return prisma.$transaction(async (tx) => {
    const target = await findTarget(tx, targetId, context.actor);
    if (!target) return refuse("NOT_FOUND");
    if (await isLastSiteAdmin(tx, target)) return refuse("LAST_SITE_ADMIN");
    const { count } = await tx.provider.updateMany({ where: { id: target.id, membershipRole: "SITE_ADMIN" }, data: { membershipRole: "MEMBER" } });
    if (count === 0) return refuse("ALREADY_DECIDED");
    await audit(tx, "membership.remove_site_admin", target, context);
    return { ok: true };
  });
}

/** Days between two confirmations of a practice's member list (SPEC §4). */
export const CONFIRMATION_INTERVAL_DAYS = 90;
const DAY_MS = 86_400_000;

/** When a member list confirmed at `confirmedAt` is due again. */
export function confirmationDue(confirmedAt: Date | null, createdAt: Date): Date {
  return new Date((confirmedAt ?? createdAt).getTime() + CONFIRMATION_INTERVAL_DAYS * DAY_MS);
}

/** "Confirm members": the site administrator (or staff) vouches for the whole list as it is now. */
export async function confirmMembers(practiceId: string, context: ActorContext, prisma: PrismaClient = db()): Promise<{ ok: true; confirmedAt: Date } | { ok: false; message: string }> {
  const now = context.now ?? new Date();
  const { actor } = context;
  return prisma.$transaction(async (tx) => {
    const where: Prisma.PracticeWhereInput = { AND: [{ id: practiceId, status: "ENROLLED" }, "providerId" in actor ? practiceAdministeredBy(actor.providerId) : {}] };
    const { count } = await tx.practice.updateMany({ where, data: { membersConfirmedAt: now } });
    if (count === 0) return { ok: false as const, message: "This practice was not found." };
    const members = await tx.provider.count({ where: { practiceId, ...approvedMember } });
    await recordAudit(tx, { actor: auditActor(actor), action: "practice.confirm_members", outcome: "SUCCESS", details: { practiceId, members }, request: context.request });
    return { ok: true as const, confirmedAt: now };
  });
}

/**
 * Queues "Please confirm your practice's MyPatients users" to the site administrators of every
 * enrolled practice whose list is due, once per due date: the claim is one UPDATE, so two
 * instances running this at once send each reminder once.
 */
export async function remindDueConfirmations(prisma: PrismaClient = db(), now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const due = new Date(now.getTime() - CONFIRMATION_INTERVAL_DAYS * DAY_MS);
    const claimed = await tx.$queryRaw<{ id: string; name: string }[]>`
      UPDATE "Practice" SET "membersReminderSentAt" = ${now}
      WHERE status = 'ENROLLED'
        AND COALESCE("membersConfirmedAt", "createdAt") <= ${due}
        AND ("membersReminderSentAt" IS NULL OR "membersReminderSentAt" < COALESCE("membersConfirmedAt", "createdAt") + make_interval(days => ${CONFIRMATION_INTERVAL_DAYS}::int))
      RETURNING id, name`;
    for (const practice of claimed) {
      const admins = await tx.provider.findMany({ where: siteAdministratorsOf(practice.id), select: { email: true, fullName: true } });
      for (const admin of admins) await queueEmail(tx, { template: "membersDue", to: admin.email, props: { fullName: admin.fullName, practiceName: practice.name } });
    }
    return claimed.length;
  });
}
