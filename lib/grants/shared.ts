// "Records shared with me" (SPEC §4): the grants a provider holds, how each came about (an approved
// request or an invitation token) and until when; and the grants that ended in the last 90 days,
// with when and why. Read only through the provider's own grants.
import { grantEnding, grantsEndedFor, grantsHeldBy, viewableBy } from "@/lib/access";
import { db } from "@/lib/db";
import type { AccessSource, PrismaClient } from "@/lib/generated/prisma/client";
import { isMrn } from "@/lib/patients/mrn";

/** How far back "Records shared with me" lists access that ended. */
export const ENDED_SHOWN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

const grantFields = { id: true, source: true, startsAt: true, endsAt: true, revokedAt: true, patient: { select: { mrn: true, firstName: true, lastName: true } } } as const;

export interface EndedGrant {
  id: string;
  source: AccessSource;
  startsAt: Date;
  endedAt: Date;
  why: "REVOKED" | "ENDED";
  patient: { mrn: string; firstName: string; lastName: string };
}

export async function recordsSharedWith(providerId: string, now = new Date(), prisma: PrismaClient = db()) {
  const since = new Date(now.getTime() - ENDED_SHOWN_DAYS * DAY_MS);
  const [current, endedRows] = await Promise.all([
    prisma.accessGrant.findMany({ where: grantsHeldBy(providerId, now), select: grantFields, orderBy: [{ startsAt: "desc" }], take: 500 }),
    prisma.accessGrant.findMany({ where: grantsEndedFor(providerId, now, since), select: grantFields, take: 500 }),
  ]);
  const ended = endedRows
    .flatMap((grant): EndedGrant[] => {
      const ending = grantEnding(grant);
      return ending ? [{ id: grant.id, source: grant.source, startsAt: grant.startsAt, patient: grant.patient, ...ending }] : [];
    })
    .sort((a, b) => b.endedAt.getTime() - a.endedAt.getTime());
  return { current, ended };
}

/**
 * For a provider who may not open `mrn`'s record but held a grant for it that ended: the patient's
 * name (which they were shown while they had access) and when their latest grant ended. Anybody
 * else, and anybody who may open the record, gets null, and so the ordinary "not found".
 */
export async function endedAccess(providerId: string, mrn: string, now = new Date(), prisma: PrismaClient = db()): Promise<{ firstName: string; lastName: string; mrn: string; endedAt: Date } | null> {
  if (!isMrn(mrn)) return null;
  const patient = await prisma.patient.findFirst({
    where: { mrn, NOT: viewableBy(providerId, now), accessGrants: { some: grantsEndedFor(providerId, now) } },
    select: { id: true, mrn: true, firstName: true, lastName: true },
  });
  if (!patient) return null;
  const grants = await prisma.accessGrant.findMany({ where: { AND: [{ patientId: patient.id }, grantsEndedFor(providerId, now)] }, select: { endsAt: true, revokedAt: true } });
  const endedAt = Math.max(...grants.map((grant) => grantEnding(grant)?.endedAt.getTime() ?? 0));
  return { firstName: patient.firstName, lastName: patient.lastName, mrn: patient.mrn, endedAt: new Date(endedAt) };
}
