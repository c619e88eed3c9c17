import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireProvider } from "@/lib/auth/current-user";
import { formatDate } from "@/lib/format";
import { ENDED_SHOWN_DAYS, recordsSharedWith } from "@/lib/grants/shared";

export const metadata: Metadata = { title: "Records shared with me" };

const HOW = { TOKEN: "Invitation token", REQUEST: "Approved request" } as const;

function PatientCell({ patient, link }: { patient: { mrn: string; firstName: string; lastName: string }; link: boolean }) {
  const name = `${patient.firstName} ${patient.lastName}`;
  return (
    <>
      {link ? (
        <Link href={`/mypatients/patients/${patient.mrn}`} className="font-medium text-brand-700 underline">
          {name}
        </Link>
      ) : (
        <span className="font-medium">{name}</span>
      )}
      <span className="block text-slate-600">MRN {patient.mrn}</span>
    </>
  );
}

export default async function RecordsSharedWithMe() {
  const provider = await requireProvider();
  const { current, ended } = await recordsSharedWith(provider.providerId);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Records shared with me</h1>
      <p className="mt-2 max-w-2xl text-slate-700">
        The patients whose families let you see their record, by approving your request or by sending you an invitation token.
      </p>
      <section aria-labelledby="current-heading" className="mt-6">
        <h2 id="current-heading" className="text-lg font-semibold">Shared with you now</h2>
        {current.length === 0 ? (
          <p className="mt-2 text-slate-700">No family is sharing a record with you right now.</p>
        ) : (
          <DataTable
            label="Shared with you now"
            caption="Records shared with you now, most recent first"
            rows={current}
            columns={[
              ["Patient", (grant) => <PatientCell patient={grant.patient} link />],
              ["How", (grant) => HOW[grant.source]],
              ["Since", (grant) => formatDate(grant.startsAt), { nowrap: true }],
              ["Until", (grant) => (grant.endsAt ? formatDate(grant.endsAt) : "No end date"), { nowrap: true }],
            ]}
          />
        )}
      </section>
      <section aria-labelledby="ended-heading" className="mt-8">
        <h2 id="ended-heading" className="text-lg font-semibold">Ended in the last {ENDED_SHOWN_DAYS} days</h2>
        {ended.length === 0 ? (
          <p className="mt-2 text-slate-700">None of your access ended in the last {ENDED_SHOWN_DAYS} days.</p>
        ) : (
          <DataTable
            label={`Ended in the last ${ENDED_SHOWN_DAYS} days`}
            caption="Access that ended, most recent first"
            rows={ended}
            columns={[
              ["Patient", (grant) => <PatientCell patient={grant.patient} link={false} />],
              ["How", (grant) => HOW[grant.source]],
              ["Ended", (grant) => formatDate(grant.endedAt), { nowrap: true }],
              ["Why", (grant) => (grant.why === "REVOKED" ? "The family revoked it" : "It reached its end date")],
            ]}
          />
        )}
      </section>
    </>
  );
}
