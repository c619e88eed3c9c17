// "Record activity" (SPEC §5): who viewed the record, who was granted or lost access, and when,
// newest first, read from the audit trail of that patient only.
import { managedBy } from "@/lib/access";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const ACTIVITY_PAGE_SIZE = 20;

/** The audit actions Record activity lists; each reads as the catalogs' "activity.actions" say. */
export const SHOWN_ACTIONS = [
  "record.view",
  "grant.create",
  "grant.revoke",
  "grant.expire",
  "token.validate",
  "token.issue",
  "token.withdraw",
  "request.create",
  "request.approve",
  "request.deny",
  "request.cancel",
] as const;
export type ShownAction = (typeof SHOWN_ACTIONS)[number];

export interface ActivityEntry {
  id: string;
  at: Date;
  /** What happened: its audit action (the page says it in its language). */
  action: ShownAction;
  /** The provider (with practice) or family member concerned, or null when it was the hospital. */
  who: string | null;
  /** Who acted when no person is named: hospital staff, or the hospital's own systems. */
  by: "staff" | "hospital";
}

/**
 * A place in the list: the entry a page starts after ("older than") or before ("newer than"), as
 * its time in milliseconds and id, "1764650000000.123". Anything else is no place: the first page.
 */
export type ActivityCursor = { direction: "older" | "newer"; at: Date; id: bigint };

export function parseActivityCursor(older: unknown, newer: unknown): ActivityCursor | null {
  const read = (value: unknown) => (typeof value === "string" ? /^(\d{1,15})\.(\d{1,19})$/.exec(value) : null);
  const [match, direction] = read(older) ? [read(older)!, "older" as const] : read(newer) ? [read(newer)!, "newer" as const] : [null, null];
  if (!match || !direction) return null;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? null : { direction, at, id: BigInt(match[2]!) };
}

const cursorOf = (event: { occurredAt: Date; id: bigint }) => `${event.occurredAt.getTime()}.${event.id}`;

/**
 * One page of a patient's activity, newest first, read by keyset from the audit trail's
 * (patientId, occurredAt) index: a page costs the same however long the history is.
 */
export async function activityFor(accountId: string, mrn: string, cursor: ActivityCursor | null, now = new Date(), prisma: PrismaClient = db()) {
  const patient = await prisma.patient.findFirst({ where: { AND: [{ mrn }, managedBy(accountId, now)] }, select: { id: true, firstName: true, lastName: true, mrn: true } });
  if (!patient) return null;
  const where = { patientId: patient.id, outcome: "SUCCESS" as const, action: { in: [...SHOWN_ACTIONS] } };
  const newer = cursor?.direction === "newer";
  const beyond = !cursor
    ? {}
    : newer
      ? { OR: [{ occurredAt: { gt: cursor.at } }, { occurredAt: cursor.at, id: { gt: cursor.id } }] }
      : { OR: [{ occurredAt: { lt: cursor.at } }, { occurredAt: cursor.at, id: { lt: cursor.id } }] };
  const order = newer ? "asc" : "desc";
  const rows = await prisma.auditEvent.findMany({ where: { AND: [where, beyond] }, orderBy: [{ occurredAt: order }, { id: order }], take: ACTIVITY_PAGE_SIZE + 1 });
  const more = rows.length > ACTIVITY_PAGE_SIZE;
  const page = rows.slice(0, ACTIVITY_PAGE_SIZE);
  const events = newer ? page.reverse() : page;
  // The audit trail is append-only: the entry a cursor names is still there, on the side it came from.
  const olderCursor = (newer ? cursor !== null : more) && events.length > 0 ? cursorOf(events[events.length - 1]!) : null;
  const newerCursor = (newer ? more : cursor !== null) && events.length > 0 ? cursorOf(events[0]!) : null;

  // Name the people involved: the provider acting or concerned, or the family member acting.
  const providerIds = new Set<string>();
  const accountIds = new Set<string>();
  for (const event of events) {
    const concerned = (event.details as { providerId?: string } | null)?.providerId;
    if (event.actorType === "PROVIDER" && event.actorId) providerIds.add(event.actorId);
    if (concerned) providerIds.add(concerned);
    if (event.actorType === "FAMILY" && event.actorId) accountIds.add(event.actorId);
  }
  const [providers, accounts] = await Promise.all([
    prisma.provider.findMany({ where: { id: { in: [...providerIds] } }, select: { id: true, fullName: true, practice: { select: { name: true } } } }),
    prisma.familyAccount.findMany({ where: { id: { in: [...accountIds] } }, select: { id: true, fullName: true } }),
  ]);
  const providerName = new Map(providers.map((p) => [p.id, `${p.fullName}, ${p.practice.name}`]));
  const accountName = new Map(accounts.map((a) => [a.id, a.fullName]));

  const entries = events.map((event): ActivityEntry => {
    const concerned = (event.details as { providerId?: string } | null)?.providerId;
    const who =
      (event.actorType === "PROVIDER" && event.actorId && providerName.get(event.actorId)) ||
      (concerned && providerName.get(concerned)) ||
      (event.actorType === "FAMILY" && event.actorId && accountName.get(event.actorId)) ||
      null;
    const action = event.action as ShownAction;
    return { id: String(event.id), at: event.occurredAt, action, who, by: event.actorType === "STAFF" ? "staff" : "hospital" };
  });
  return { patient, entries, older: olderCursor, newer: newerCursor };
}
