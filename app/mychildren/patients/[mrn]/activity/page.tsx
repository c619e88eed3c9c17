import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/app/_components/data-table";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { activityFor, parseActivityCursor } from "@/lib/family/activity";
import { datesIn } from "@/lib/format";
import { pageLocale } from "@/lib/i18n/page";
import { isMrn } from "@/lib/patients/mrn";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("activity");
  return { title: t("title") };
}

export default async function ActivityPage({ params, searchParams }: { params: Promise<{ mrn: string }>; searchParams: Promise<{ older?: string | string[]; newer?: string | string[] }> }) {
  const account = await requireFamilyAccount();
  const { mrn } = await params;
  const query = await searchParams;
  const activity = isMrn(mrn) ? await activityFor(account.accountId, mrn, parseActivityCursor(query.older, query.newer)) : null;
  if (!activity) notFound();
  const [t, locale] = await Promise.all([getTranslations("activity"), pageLocale()]);
  const { dateTime } = datesIn(locale);
  const base = `/mychildren/patients/${mrn}/activity`;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("intro", { firstName: activity.patient.firstName, lastName: activity.patient.lastName })}</p>
      {activity.entries.length === 0 ? (
        <p className="mt-6 text-slate-700">{t("empty")}</p>
      ) : (
        <DataTable
          label={t("title")}
          caption={t("caption")}
          rows={activity.entries}
          columns={[
            [t("when"), (entry) => <time dateTime={entry.at.toISOString()}>{dateTime(entry.at)}</time>, { nowrap: true }],
            [t("who"), (entry) => entry.who ?? t(entry.by)],
            [t("what"), (entry) => t(`actions.${entry.action.replace(".", "_")}`)],
          ]}
        />
      )}
      {activity.newer || activity.older ? (
        <nav aria-label={t("pages")} className="mt-4 flex items-center gap-4">
          {activity.newer ? <Link href={`${base}?newer=${activity.newer}`} className="font-medium text-family-700 underline">{t("newer")}</Link> : null}
          {activity.older ? <Link href={`${base}?older=${activity.older}`} className="font-medium text-family-700 underline">{t("older")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
