// Scheduled emails (SPEC §6) and the endings written to Record activity, sent by the maintenance
// work in every app instance and in `npm run worker`. Each is sent exactly once however many
// instances run (docs/decisions/011-scheduled-emails-exactly-once.md):
//   - each pass holds a PostgreSQL transaction-level advisory lock, so passes run one at a time;
//   - each row is claimed by a conditional UPDATE of its "sent at" column (… WHERE sentAt IS NULL)
//     in the same transaction as its email (outbox) and audit event: of two claims, one wins, and
//     a pass that fails rolls back its claims with its emails.
import { approverLink, grantsEndingBetween, grantsReachedEnd } from "@/lib/access";
import { recordAudit } from "@/lib/audit/record";
import { queueEmail } from "@/lib/email/outbox";
import type { Language, Prisma, PrismaClient } from "@/lib/generated/prisma/client";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Approvers are reminded this long before an unanswered request expires. */
export const REMINDER_BEFORE_EXPIRY_MS = 7 * DAY_MS;
/** Providers are told this long before a grant reaches its end date. */
export const ENDING_NOTICE_MS = 14 * DAY_MS;
/** Rows handled per pass; the next pass takes the rest. */
const BATCH = 200;
/** The advisory lock key of the scheduled notices ("MyPN" in ASCII). */
export const NOTICES_LOCK_KEY = 0x4d79504e;

export interface NoticeCounts {
  expired: number;
  reminded: number;
  ending: number;
  ended: number;
}

const SYSTEM = { type: "SYSTEM" } as const;

async function approverAccounts(tx: Prisma.TransactionClient, patientId: string, now: Date): Promise<{ email: string; language: Language }[]> {
  const links = await tx.patientLink.findMany({ where: { AND: [{ patientId }, approverLink(now)] }, select: { account: { select: { email: true, language: true } } } });
  return links.map((link) => link.account);
}

/** Requests whose 30 days ran out: EXPIRED, and the provider told once ("Your access request expired"). */
async function expireRequests(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const due = await tx.accessRequest.findMany({
    where: { expiryNoticeSentAt: null, OR: [{ status: "EXPIRED" }, { status: "PENDING", expiresAt: { lte: now } }] },
    select: { id: true, patientId: true, providerId: true, provider: { select: { email: true, status: true } } },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
  });
  let sent = 0;
  for (const request of due) {
    const { count } = await tx.accessRequest.updateMany({
      where: { id: request.id, expiryNoticeSentAt: null, OR: [{ status: "EXPIRED" }, { status: "PENDING", expiresAt: { lte: now } }] },
      data: { status: "EXPIRED", pendingKey: null, expiryNoticeSentAt: now },
    });
    if (count === 0) continue;
    await recordAudit(tx, { actor: SYSTEM, action: "request.expire", outcome: "SUCCESS", patientId: request.patientId, details: { requestId: request.id, providerId: request.providerId } });
    if (request.provider.status === "ACTIVE") await queueEmail(tx, { template: "requestExpired", to: request.provider.email, props: {} });
    sent += 1;
  }
  return sent;
}

/** Requests still unanswered 7 days before they expire: every approver reminded once. */
async function remindApprovers(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const window = { status: "PENDING" as const, reminderSentAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + REMINDER_BEFORE_EXPIRY_MS) } };
  const due = await tx.accessRequest.findMany({
    where: window,
    select: { id: true, patientId: true, expiresAt: true, provider: { select: { fullName: true, practice: { select: { name: true } } } } },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
  });
  let sent = 0;
  for (const request of due) {
    const { count } = await tx.accessRequest.updateMany({ where: { ...window, id: request.id }, data: { reminderSentAt: now } });
    if (count === 0) continue;
    for (const { email, language } of await approverAccounts(tx, request.patientId, now)) {
      await queueEmail(tx, {
        template: "requestReminder",
        to: email,
        language,
        props: { providerName: request.provider.fullName, practiceName: request.provider.practice.name, requestId: request.id, expiresAt: request.expiresAt.toISOString() },
      });
    }
    sent += 1;
  }
  return sent;
}

/** Grants that reach their end date within 14 days: the provider told once. */
async function announceEndings(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const window: Prisma.AccessGrantWhereInput = { AND: [grantsEndingBetween(now, new Date(now.getTime() + ENDING_NOTICE_MS)), { endingNoticeSentAt: null }] };
  const due = await tx.accessGrant.findMany({ where: window, select: { id: true, endsAt: true, provider: { select: { email: true, status: true } } }, orderBy: { endsAt: "asc" }, take: BATCH });
  let sent = 0;
  for (const grant of due) {
    const { count } = await tx.accessGrant.updateMany({ where: { AND: [window, { id: grant.id }] }, data: { endingNoticeSentAt: now } });
    if (count === 0 || !grant.endsAt) continue;
    if (grant.provider.status === "ACTIVE") await queueEmail(tx, { template: "accessEnding", to: grant.provider.email, props: { endsAt: grant.endsAt.toISOString() } });
    sent += 1;
  }
  return sent;
}

/** Grants that reached their end date: written once to the patient's Record activity ("Access ended"). */
async function recordEndings(tx: Prisma.TransactionClient, now: Date): Promise<number> {
  const window: Prisma.AccessGrantWhereInput = { AND: [grantsReachedEnd(now), { endRecordedAt: null }] };
  const due = await tx.accessGrant.findMany({ where: window, select: { id: true, patientId: true, providerId: true, endsAt: true }, orderBy: { endsAt: "asc" }, take: BATCH });
  let recorded = 0;
  for (const grant of due) {
    const { count } = await tx.accessGrant.updateMany({ where: { AND: [window, { id: grant.id }] }, data: { endRecordedAt: now } });
    if (count === 0) continue;
    await recordAudit(tx, {
      actor: SYSTEM,
      action: "grant.expire",
      outcome: "SUCCESS",
      patientId: grant.patientId,
      details: { grantId: grant.id, providerId: grant.providerId, endsAt: grant.endsAt?.toISOString() ?? null },
    });
    recorded += 1;
  }
  return recorded;
}

/** One pass of the scheduled notices at `now`. Safe to run in any number of processes at once. */
export async function sendScheduledNotices(prisma: PrismaClient, now = new Date()): Promise<NoticeCounts> {
  return prisma.$transaction(
    async (tx) => {
      // One pass at a time across all instances; the lock ends with the transaction.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NOTICES_LOCK_KEY}::bigint)`;
      return {
        expired: await expireRequests(tx, now),
        reminded: await remindApprovers(tx, now),
        ending: await announceEndings(tx, now),
        ended: await recordEndings(tx, now),
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
