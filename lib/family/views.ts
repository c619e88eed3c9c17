// What a MyChildren's account sees (SPEC §5). Every query is scoped to the patients the account
// is an approver of at `now`; anything else reads as "not found".
import { z } from "zod";
import { grantInForce, managedBy, requestsVisibleTo } from "@/lib/access";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expireStaleRequests } from "@/lib/requests/create";

export async function managedPatients(accountId: string, now = new Date(), prisma: PrismaClient = db()) {
  return prisma.patient.findMany({
    where: managedBy(accountId, now),
    select: { mrn: true, firstName: true, lastName: true, dateOfBirth: true, links: { where: { accountId }, select: { relationship: true } } },
    orderBy: [{ firstName: "asc" }, { lastName: "asc" }],
  });
}

const requestSummary = {
  id: true,
  createdAt: true,
  reason: true,
  status: true,
  provider: { select: { fullName: true, npi: true, practice: { select: { name: true } } } },
  patient: { select: { mrn: true, firstName: true, lastName: true } },
} as const;

/** Pending requests for the account's patients, newest first (expired ones are tidied first). */
export async function pendingRequests(accountId: string, now = new Date(), prisma: PrismaClient = db()) {
  await prisma.$transaction((tx) => expireStaleRequests(tx, requestsVisibleTo(accountId, now), now));
  return prisma.accessRequest.findMany({
    where: { AND: [requestsVisibleTo(accountId, now), { status: "PENDING" }] },
    select: requestSummary,
    orderBy: { createdAt: "desc" },
  });
}

/** One request for the decision page, or null when the account may not see it. */
export async function requestForDecision(accountId: string, requestId: string, now = new Date(), prisma: PrismaClient = db()) {
  if (!z.uuid().safeParse(requestId).success) return null;
  await prisma.$transaction((tx) => expireStaleRequests(tx, { id: requestId }, now));
  return prisma.accessRequest.findFirst({ where: { AND: [{ id: requestId }, requestsVisibleTo(accountId, now)] }, select: requestSummary });
}

/** Who can see a patient's record: the PCP practice, active grants and open invitations. */
export async function sharingFor(accountId: string, mrn: string, now = new Date(), prisma: PrismaClient = db()) {
  const patient = await prisma.patient.findFirst({
    where: { AND: [{ mrn }, managedBy(accountId, now)] },
    select: {
      id: true,
      mrn: true,
      firstName: true,
      lastName: true,
      pcp: { select: { fullName: true, practice: { select: { name: true } } } },
      accessGrants: {
        where: grantInForce(now),
        select: { id: true, source: true, startsAt: true, endsAt: true, provider: { select: { fullName: true, practice: { select: { name: true } } } } },
        orderBy: { startsAt: "desc" },
      },
      invitationTokens: {
        where: { usedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
        select: { id: true, providerEmail: true, createdAt: true, expiresAt: true },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  return patient;
}
