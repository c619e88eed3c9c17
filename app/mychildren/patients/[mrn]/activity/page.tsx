import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { activityFor } from "@/lib/family/activity";
import { formatDateTime } from "@/lib/format";
import { isMrn } from "@/lib/patients/mrn";

export const metadata: Metadata = { title: "Record activity" };


export default async function ActivityPage({ params, searchParams }: { params: Promise<{ mrn: string }>; searchParams: Promise<{ page?: string | string[] }> }) {
  const account = await requireFamilyAccount();
  const { mrn } = await params;
  const requested = Number((await searchParams).page ?? "1");
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  const activity = isMrn(mrn) ? await activityFor(account.accountId, mrn, page) : null;
  if (!activity) notFound();
  const base = `/mychildren/patients/${mrn}/activity`;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Record activity</h1>
      <p className="mt-2 text-slate-700">
        Who viewed {activity.patient.firstName} {activity.patient.lastName}&apos;s record, and who was given or lost access, newest first.
        Times are Eastern.
      </p>
      {activity.entries.length === 0 ? (
        <p className="mt-6 text-slate-700">Nothing yet.</p>
      ) : (
        <DataTable
          label="Record activity"
          caption="Record activity, newest first"
          rows={activity.entries}
          columns={[
            ["When", (entry) => <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time>, { nowrap: true }],
            ["Who", (entry) => entry.who],
            ["What", (entry) => entry.what],
          ]}
        />
      )}
      {activity.pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4">
          {page > 1 ? <Link href={`${base}?page=${page - 1}`} className="font-medium text-family-700 underline">Newer</Link> : null}
          <span className="text-sm text-slate-700">Page {page} of {activity.pages}</span>
          {page < activity.pages ? <Link href={`${base}?page=${page + 1}`} className="font-medium text-family-700 underline">Older</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
