// The patient's record for a provider (SPEC §3, §4): read only through the access rule, in the
// query itself. A record the provider may not see is indistinguishable from one that does not
// exist. Every view, allowed or refused, writes an audit event.
import { grantsHeldBySql, viewableBySql, viewableThroughPracticeSql } from "@/lib/access";
import { auditInsertSql, recordAudit, type AuditEventInput, type RequestMetadata } from "@/lib/audit/record";
import { db, runStatement, SqlValues, utcDate, utcTimestamp, utcTimestampOrNull, type Statement } from "@/lib/db";
import type { AccessSource, Allergy, Immunization, LabResult, Medication, PrismaClient, Problem, Sex, Visit } from "@/lib/generated/prisma/client";
import { isMrn } from "@/lib/patients/mrn";

/** How the provider came to see this record. */
export type AccessBasis =
  | { kind: "PCP_PRACTICE"; practiceName: string }
  | { kind: "GRANT"; source: "REQUEST" | "TOKEN"; since: Date; until: Date | null };

/** The sections of a record: each one's table, its order, and its date columns. */
const SECTIONS = {
  allergies: { table: "Allergy", order: `"recordedOn" DESC`, dates: ["recordedOn"] },
  medications: { table: "Medication", order: `"startedOn" DESC`, dates: ["startedOn", "endedOn"] },
  problems: { table: "Problem", order: `"onsetOn" DESC`, dates: ["onsetOn", "resolvedOn"] },
  immunizations: { table: "Immunization", order: `"administeredOn" DESC, x.vaccine`, dates: ["administeredOn"] },
  visits: { table: "Visit", order: `"visitOn" DESC`, dates: ["visitOn"] },
  labResults: { table: "LabResult", order: `"collectedOn" DESC, x.test`, dates: ["collectedOn"] },
} as const;

interface Sections {
  allergies: Allergy[];
  medications: Medication[];
  problems: Problem[];
  immunizations: Immunization[];
  visits: Visit[];
  labResults: LabResult[];
}

/** A record's row as the statement returns it: each section and the grant as JSON. */
type RecordRow = { id: string; mrn: string; firstName: string; lastName: string; dateOfBirth: Date; sex: Sex; pcpName: string; practiceName: string; inPcpPractice: boolean } & {
  grant: { source: AccessSource; startsAt: string; endsAt: string | null } | null;
} & { [Section in keyof Sections]: Record<string, unknown>[] };

/**
 * The record of `mrn` if `providerId` may view it at `now` (the access rule, lib/access.ts), with
 * its PCP and practice, whether the provider belongs to that practice, the grant that lasts
 * longest (one without an end date first) and every section, and the view's audit event: one
 * statement, past Prisma (decisions 017, 019). The event is `refused` unless the record is found,
 * and then a success that names the patient; the row comes back only once the event is written.
 */
function recordStatement(mrn: string, providerId: string, now: Date, refused: AuditEventInput): Statement {
  const values = new SqlValues();
  const sections = Object.entries(SECTIONS).map(
    ([key, { table, order }]) => `(SELECT coalesce(json_agg(x ORDER BY x.${order}), '[]') FROM "${table}" x WHERE x."patientId" = pt.id) AS "${key}"`,
  );
  const read = `SELECT pt.id, pt.mrn, pt."firstName", pt."lastName", pt."dateOfBirth", pt.sex, pcp."fullName" AS "pcpName", practice.name AS "practiceName",
      ${viewableThroughPracticeSql(values, "pt", providerId)} AS "inPcpPractice",
      (SELECT json_build_object('source', g.source, 'startsAt', g."startsAt", 'endsAt', g."endsAt") FROM "AccessGrant" g
         WHERE g."patientId" = pt.id AND ${grantsHeldBySql(values, "g", providerId, now)}
         ORDER BY g."endsAt" DESC NULLS FIRST, g."startsAt" LIMIT 1) AS "grant",
      ${sections.join(",\n      ")}
    FROM "Patient" pt JOIN "Provider" pcp ON pcp.id = pt."pcpId" JOIN "Practice" practice ON practice.id = pcp."practiceId"
    WHERE pt.mrn = ${values.add(mrn)} AND ${viewableBySql(values, "pt", providerId, now)}`;
  const audit = auditInsertSql(values, refused, {
    from: "(SELECT 1) AS one LEFT JOIN record ON true",
    outcome: `CASE WHEN record.id IS NULL THEN 'DENIED' ELSE 'SUCCESS' END::"AuditOutcome"`,
    patientId: "record.id",
    details: (own) => `CASE WHEN record.id IS NULL THEN ${own} ELSE '{}' END`,
  });
  return values.statement(`WITH record AS (${read}),
    audit AS (${audit} RETURNING 1)
    SELECT record.* FROM record, audit`);
}

/** A section's rows from JSON, their dates and times as Dates. */
function sectionRows<Key extends keyof Sections>(key: Key, rows: Record<string, unknown>[]): Sections[Key] {
  return rows.map((row) => {
    const revived: Record<string, unknown> = { ...row, createdAt: utcTimestamp(row.createdAt as string) };
    for (const column of SECTIONS[key].dates) revived[column] = row[column] === null ? null : utcDate(row[column] as string);
    return revived;
  }) as Sections[Key];
}

/**
 * The record of `mrn` if `providerId` may view it, else null, in one statement; the view is
 * audited, allowed or refused, before anything is returned.
 */
export async function getPatientRecord(mrn: string, caller: { providerId: string; now?: Date; request?: RequestMetadata }, prisma: PrismaClient = db()) {
  const now = caller.now ?? new Date();
  const refused: AuditEventInput = {
    actor: { type: "PROVIDER", id: caller.providerId },
    action: "record.view",
    outcome: "DENIED",
    // A refused view names only what was asked for: whether that patient exists is not revealed.
    details: { mrn: mrn.slice(0, 20) },
    request: caller.request,
  };
  if (!isMrn(mrn)) {
    await recordAudit(prisma, refused);
    return null;
  }
  const [found] = await runStatement<RecordRow>(prisma, recordStatement(mrn, caller.providerId, now, refused));
  if (!found) return null;

  let access: AccessBasis;
  if (found.inPcpPractice) {
    access = { kind: "PCP_PRACTICE", practiceName: found.practiceName };
  } else if (found.grant) {
    access = { kind: "GRANT", source: found.grant.source, since: utcTimestamp(found.grant.startsAt), until: utcTimestampOrNull(found.grant.endsAt) };
  } else {
    // The access rule matched, so one of the two holds; anything else is a fault, and shows nothing.
    throw new Error("record: access matched without a PCP practice or a grant");
  }
  const patient = {
    id: found.id,
    mrn: found.mrn,
    firstName: found.firstName,
    lastName: found.lastName,
    dateOfBirth: found.dateOfBirth,
    sex: found.sex,
    pcp: { fullName: found.pcpName, practice: { name: found.practiceName } },
    allergies: sectionRows("allergies", found.allergies),
    medications: sectionRows("medications", found.medications),
    problems: sectionRows("problems", found.problems),
    immunizations: sectionRows("immunizations", found.immunizations),
    visits: sectionRows("visits", found.visits),
    labResults: sectionRows("labResults", found.labResults),
  };
  return { patient, access };
}

export type PatientRecord = NonNullable<Awaited<ReturnType<typeof getPatientRecord>>>;
