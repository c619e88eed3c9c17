import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireProvider } from "@/lib/auth/current-user";
import { formatDate } from "@/lib/format";
import { recordsSharedWith } from "@/lib/grants/shared";

export const metadata: Metadata = { title: "Records shared with me" };

export default async function RecordsSharedWithMe() {
  const provider = await requireProvider();
  const grants = await recordsSharedWith(provider.providerId);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Records shared with me</h1>
      <p className="mt-2 max-w-2xl text-slate-700">
        The patients whose families let you see their record, by approving your request or by sending you an invitation token.
      </p>
      {grants.length === 0 ? (
        <p className="mt-6 text-slate-700">No family has shared a record with you.</p>
      ) : (
        <DataTable
          label="Records shared with me"
          caption="Records shared with me, most recent first"
          rows={grants}
          columns={[
            [
              "Patient",
              (grant) => (
                <>
                  <Link href={`/mypatients/patients/${grant.patient.mrn}`} className="font-medium text-brand-700 underline">
                    {grant.patient.firstName} {grant.patient.lastName}
                  </Link>
                  <span className="block text-slate-600">MRN {grant.patient.mrn}</span>
                </>
              ),
            ],
            ["How", (grant) => (grant.source === "TOKEN" ? "Invitation token" : "Approved request")],
            ["Since", (grant) => formatDate(grant.startsAt), { nowrap: true }],
            ["Until", (grant) => (grant.endsAt ? formatDate(grant.endsAt) : "No end date"), { nowrap: true }],
          ]}
        />
      )}
    </>
  );
}
