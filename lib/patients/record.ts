// The patient's record for a provider (SPEC §3, §4): read only through the access rule, in the
// query itself. A record the provider may not see is indistinguishable from one that does not
// exist. Every view, allowed or refused, writes an audit event.
import { grantsHeldBy, viewableBy } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { isMrn } from "@/lib/patients/mrn";

/** How the provider came to see this record. */
export type AccessBasis =
  | { kind: "PCP_PRACTICE"; practiceName: string }
  | { kind: "GRANT"; source: "REQUEST" | "TOKEN"; since: Date; until: Date | null };

/** The record of a patient, with what the access sentence needs about `providerId`'s access. */
function recordSelect(providerId: string, now: Date) {
  return {
    id: true,
    mrn: true,
    firstName: true,
    lastName: true,
    dateOfBirth: true,
    sex: true,
    pcp: { select: { fullName: true, practice: { select: { name: true, providers: { where: { id: providerId }, select: { id: true } } } } } },
    // The grant that lasts longest: one without an end date first.
    accessGrants: {
      where: grantsHeldBy(providerId, now),
      orderBy: [{ endsAt: { sort: "desc", nulls: "first" } }, { startsAt: "asc" }],
      select: { source: true, startsAt: true, endsAt: true },
      take: 1,
    },
    allergies: { orderBy: { recordedOn: "desc" } },
    medications: { orderBy: { startedOn: "desc" } },
    problems: { orderBy: { onsetOn: "desc" } },
    immunizations: { orderBy: [{ administeredOn: "desc" }, { vaccine: "asc" }] },
    visits: { orderBy: { visitOn: "desc" } },
    labResults: { orderBy: [{ collectedOn: "desc" }, { test: "asc" }] },
  } satisfies Prisma.PatientSelect;
}

/**
 * The record of `mrn` if `providerId` may view it, else null, in one statement; the view is
 * audited, allowed or refused, before anything is returned.
 */
export async function getPatientRecord(mrn: string, caller: { providerId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()) {
  const now = caller.now ?? new Date();
  const found = isMrn(mrn)
    ? await prisma.patient.findFirst({ where: { AND: [{ mrn }, viewableBy(caller.providerId, now)] }, select: recordSelect(caller.providerId, now) })
    : null;
  await recordAudit(prisma, {
    actor: { type: "PROVIDER", id: caller.providerId },
    action: "record.view",
    outcome: found ? "SUCCESS" : "DENIED",
    patientId: found?.id ?? null,
    // A refused view names only what was asked for: whether that patient exists is not revealed.
    details: found ? {} : { mrn: mrn.slice(0, 20) },
    request: caller.request,
  });
  if (!found) return null;

  const { accessGrants, pcp, ...patient } = found;
  const grant = accessGrants[0];
  let access: AccessBasis;
  if (pcp.practice.providers.length > 0) {
    access = { kind: "PCP_PRACTICE", practiceName: pcp.practice.name };
  } else if (grant) {
    access = { kind: "GRANT", source: grant.source, since: grant.startsAt, until: grant.endsAt };
  } else {
    // viewableBy matched, so one of the two holds; anything else is a fault, and shows nothing.
    throw new Error("record: access matched without a PCP practice or a grant");
  }
  return { patient: { ...patient, pcp: { fullName: pcp.fullName, practice: { name: pcp.practice.name } } }, access };
}

export type PatientRecord = NonNullable<Awaited<ReturnType<typeof getPatientRecord>>>;
