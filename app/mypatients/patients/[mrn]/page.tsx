import type { Metadata } from "next";
import { DataTable, type Column } from "@/app/_components/data-table";
import { notFound } from "next/navigation";
import { requireProvider } from "@/lib/auth/current-user";
import { formatCalendarDate, formatDate, formatDateTime } from "@/lib/format";
import { requestMetadata } from "@/lib/http/request-metadata";
import { getPatientRecord, type AccessBasis } from "@/lib/patients/record";
import { endedAccess } from "@/lib/grants/shared";
import { EndedAccess } from "../../ended-access";

export const metadata: Metadata = { title: "Patient record" };

/** A calendar date of the record (a @db.Date column). */
const date = (value: Date | null) => (value ? formatCalendarDate(value) : "—");
const SEX = { FEMALE: "Female", MALE: "Male", OTHER: "Other", UNKNOWN: "Unknown" } as const;

function accessSentence(access: AccessBasis): string {
  if (access.kind === "PCP_PRACTICE") return `Your practice, ${access.practiceName}, is this patient's primary care practice.`;
  const how = access.source === "TOKEN" ? "You validated an invitation token from the family" : "The patient or guardian approved your request";
  return `${how} on ${formatDate(access.since)}. Your access ${access.until ? `ends on ${formatDate(access.until)}` : "has no end date"}; the family can end it at any time.`;
}

/** One section of the record as a table; an empty section says so. */
function Section<Row extends { id: string }>({ title, rows, columns }: { title: string; rows: Row[]; columns: Column<Row>[] }) {
  const id = `section-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      {rows.length === 0 ? <p className="mt-2 text-slate-600">None recorded.</p> : <DataTable label={title} rows={rows} columns={columns} />}
    </section>
  );
}

export default async function PatientRecordPage({ params }: { params: Promise<{ mrn: string }> }) {
  const provider = await requireProvider();
  const { mrn } = await params;
  const record = await getPatientRecord(mrn, { providerId: provider.providerId, request: await requestMetadata() });
  // Not allowed and not existing look the same, except to a provider whose own access ended.
  if (!record) {
    const ended = await endedAccess(provider.providerId, mrn);
    if (!ended) notFound();
    return <EndedAccess provider={provider} ended={ended} />;
  }
  const { patient, access } = record;
  return (
    // Printed, the running head repeats at the top of every page as the header of a table that
    // holds the whole record, so it takes its own room on each page and covers nothing (app/globals.css,
    // @media print). On screen the table is plain blocks and the running head is hidden.
    <table role="presentation" className="print-frame">
      <thead>
        <tr className="print-frame-row">
          <td>
            <p className="print-running-head" aria-hidden="true">
              {patient.firstName} {patient.lastName} · MRN {patient.mrn} · Printed {formatDateTime(new Date())}
            </p>
          </td>
        </tr>
      </thead>
      <tbody>
        <tr className="print-frame-row">
          <td>
      <h1 className="text-2xl font-semibold tracking-tight">{patient.firstName} {patient.lastName}</h1>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="font-medium">MRN</dt>
        <dd>{patient.mrn}</dd>
        <dt className="font-medium">Date of birth</dt>
        <dd>{date(patient.dateOfBirth)}</dd>
        <dt className="font-medium">Sex</dt>
        <dd>{SEX[patient.sex]}</dd>
        <dt className="font-medium">PCP</dt>
        <dd>{patient.pcp.fullName}, {patient.pcp.practice.name}</dd>
      </dl>
      <p className="mt-4 rounded-md border-l-4 border-brand-600 bg-brand-50 px-4 py-3 text-sm text-slate-800">{accessSentence(access)}</p>

      <Section title="Allergies" rows={patient.allergies} columns={[["Substance", (r) => r.substance], ["Reaction", (r) => r.reaction], ["Severity", (r) => r.severity], ["Recorded", (r) => date(r.recordedOn)]]} />
      <Section title="Medications" rows={patient.medications} columns={[["Medication", (r) => r.name], ["Dose", (r) => r.dose], ["Frequency", (r) => r.frequency], ["Started", (r) => date(r.startedOn)], ["Ended", (r) => date(r.endedOn)]]} />
      <Section title="Problems" rows={patient.problems} columns={[["Problem", (r) => r.name], ["Status", (r) => r.status], ["Onset", (r) => date(r.onsetOn)], ["Resolved", (r) => date(r.resolvedOn)]]} />
      <Section title="Immunizations" rows={patient.immunizations} columns={[["Vaccine", (r) => r.vaccine], ["Dose", (r) => r.doseNumber], ["Given", (r) => date(r.administeredOn)]]} />
      <Section title="Visits" rows={patient.visits} columns={[["Date", (r) => date(r.visitOn)], ["Type", (r) => r.kind], ["Clinician", (r) => r.clinician], ["Reason", (r) => r.reason], ["Summary", (r) => r.summary]]} />
      <Section title="Results" rows={patient.labResults} columns={[["Test", (r) => r.test], ["Result", (r) => `${r.value} ${r.unit}`.trim()], ["Reference range", (r) => r.referenceRange], ["Flag", (r) => r.flag ?? ""], ["Collected", (r) => date(r.collectedOn)]]} />
          </td>
        </tr>
      </tbody>
    </table>
  );
}
