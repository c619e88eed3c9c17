import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { activityFor, parseActivityCursor } from "@/lib/family/activity";
import { formatDateTime } from "@/lib/format";
import { isMrn } from "@/lib/patients/mrn";

export const metadata: Metadata = { title: "Record activity" };


export default async function ActivityPage({ params, searchParams }: { params: Promise<{ mrn: string }>; searchParams: Promise<{ older?: string | string[]; newer?: string | string[] }> }) {
  const account = await requireFamilyAccount();
  const { mrn } = await params;
  const query = await searchParams;
  const activity = isMrn(mrn) ? await activityFor(account.accountId, mrn, parseActivityCursor(query.older, query.newer)) : null;
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
      {activity.newer || activity.older ? (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4">
          {activity.newer ? <Link href={`${base}?newer=${activity.newer}`} className="font-medium text-family-700 underline">Newer</Link> : null}
          {activity.older ? <Link href={`${base}?older=${activity.older}`} className="font-medium text-family-700 underline">Older</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
