// The patient's record for a provider (SPEC §3, §4): read only through the access rule, in the
// query itself. A record the provider may not see is indistinguishable from one that does not
// exist. Every view, allowed or refused, writes an audit event.
import { activeGrantWhere, viewableBy } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** How the provider came to see this record. */
export type AccessBasis =
  | { kind: "PCP_PRACTICE"; practiceName: string }
  | { kind: "GRANT"; source: "REQUEST" | "TOKEN"; since: Date; until: Date | null };

const recordInclude = {
  pcp: { select: { fullName: true, practice: { select: { id: true, name: true } } } },
  allergies: { orderBy: { recordedOn: "desc" } },
  medications: { orderBy: { startedOn: "desc" } },
  problems: { orderBy: { onsetOn: "desc" } },
  immunizations: { orderBy: [{ administeredOn: "desc" }, { vaccine: "asc" }] },
  visits: { orderBy: { visitOn: "desc" } },
  labResults: { orderBy: [{ collectedOn: "desc" }, { test: "asc" }] },
} satisfies Prisma.PatientInclude;

export async function getPatientRecord(mrn: string, caller: { providerId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()) {
  const now = caller.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const patient = /^\d{1,20}$/.test(mrn)
      ? await tx.patient.findFirst({ where: { AND: [{ mrn }, viewableBy(caller.providerId, now)] }, include: recordInclude })
      : null;
    await recordAudit(tx, {
      actor: { type: "PROVIDER", id: caller.providerId },
      action: "record.view",
      outcome: patient ? "SUCCESS" : "DENIED",
      patientId: patient?.id ?? null,
      // A refused view names only what was asked for: whether that patient exists is not revealed.
      details: patient ? {} : { mrn: mrn.slice(0, 20) },
      request: caller.request,
    });
    if (!patient) return null;

    const provider = await tx.provider.findUniqueOrThrow({ where: { id: caller.providerId }, select: { practiceId: true } });
    let access: AccessBasis;
    if (patient.pcp.practice.id === provider.practiceId) {
      access = { kind: "PCP_PRACTICE", practiceName: patient.pcp.practice.name };
    } else {
      // The grant that lasts longest: one without an end date first.
      const grant = await tx.accessGrant.findFirstOrThrow({
        where: { patientId: patient.id, ...activeGrantWhere(caller.providerId, now) },
        orderBy: [{ endsAt: { sort: "desc", nulls: "first" } }, { startsAt: "asc" }],
      });
      access = { kind: "GRANT", source: grant.source, since: grant.startsAt, until: grant.endsAt };
    }
    return { patient, access };
  });
}

export type PatientRecord = NonNullable<Awaited<ReturnType<typeof getPatientRecord>>>;
