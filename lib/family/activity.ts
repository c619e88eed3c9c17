// "Record activity" (SPEC §5): who viewed the record, who was granted or lost access, and when,
// newest first, read from the audit trail of that patient only.
import { managedBy } from "@/lib/access";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const ACTIVITY_PAGE_SIZE = 20;

/** The audit actions a family sees, and how each reads. */
const SHOWN = {
  "record.view": "Viewed the record",
  "grant.create": "Was given access",
  "grant.revoke": "Access was revoked",
  "grant.expire": "Access ended",
  "token.validate": "Used an invitation token",
  "token.issue": "Invitation sent",
  "token.withdraw": "Invitation withdrawn",
  "request.create": "Asked for access",
  "request.approve": "Request approved",
  "request.deny": "Request declined",
  "request.cancel": "Request cancelled",
} as const;

export interface ActivityEntry {
  id: string;
  at: Date;
  what: string;
  /** The provider (with practice) or family member concerned. */
  who: string;
}

export async function activityFor(accountId: string, mrn: string, page: number, now = new Date(), prisma: PrismaClient = db()) {
  const patient = await prisma.patient.findFirst({ where: { AND: [{ mrn }, managedBy(accountId, now)] }, select: { id: true, firstName: true, lastName: true, mrn: true } });
  if (!patient) return null;
  const where = { patientId: patient.id, outcome: "SUCCESS" as const, action: { in: Object.keys(SHOWN) } };
  const [total, events] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ where, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], skip: (page - 1) * ACTIVITY_PAGE_SIZE, take: ACTIVITY_PAGE_SIZE }),
  ]);

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
      (event.actorType === "STAFF" ? "Hospital staff" : "Children's Hospital");
    return { id: String(event.id), at: event.occurredAt, what: SHOWN[event.action as keyof typeof SHOWN], who };
  });
  return { patient, entries, page, pages: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)) };
}
