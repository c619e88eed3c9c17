// "My access requests" (SPEC §4): every request of one provider, newest first, with what became
// of it — including access that ended later because it was revoked or reached its end date.
import { grantStatus } from "@/lib/access";
import { db } from "@/lib/db";
import type { AccessRequestStatus, PrismaClient } from "@/lib/generated/prisma/client";
import { expireStaleRequests } from "@/lib/requests/create";

export interface MyRequest {
  id: string;
  createdAt: Date;
  patientName: string;
  mrn: string;
  status: AccessRequestStatus;
  decidedAt: Date | null;
  /** For approved requests: when the access ends or ended, and whether by revocation. */
  access: { endsAt: Date | null; revokedAt: Date | null; ended: boolean } | null;
}

export async function requestsOfProvider(providerId: string, now = new Date(), prisma: PrismaClient = db()): Promise<MyRequest[]> {
  await prisma.$transaction((tx) => expireStaleRequests(tx, { providerId }, now));
  const requests = await prisma.accessRequest.findMany({
    where: { providerId },
    select: {
      id: true,
      createdAt: true,
      status: true,
      decidedAt: true,
      patient: { select: { mrn: true, firstName: true, lastName: true } },
      grant: { select: { startsAt: true, endsAt: true, revokedAt: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return requests.map((request) => ({
    id: request.id,
    createdAt: request.createdAt,
    patientName: `${request.patient.firstName} ${request.patient.lastName}`,
    mrn: request.patient.mrn,
    status: request.status,
    decidedAt: request.decidedAt,
    access: request.grant
      ? { endsAt: request.grant.endsAt, revokedAt: request.grant.revokedAt, ended: ["ENDED", "REVOKED"].includes(grantStatus(request.grant, now)) }
      : null,
  }));
}
