// "Records shared with me" (SPEC §4): the grants a provider holds, how each came about (an approved
// request or an invitation token) and until when. Read only through the provider's own grants.
import { grantsHeldBy } from "@/lib/access";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function recordsSharedWith(providerId: string, now = new Date(), prisma: PrismaClient = db()) {
  return prisma.accessGrant.findMany({
    where: grantsHeldBy(providerId, now),
    select: { id: true, source: true, startsAt: true, endsAt: true, patient: { select: { mrn: true, firstName: true, lastName: true } } },
    orderBy: [{ startsAt: "desc" }],
    take: 500,
  });
}
