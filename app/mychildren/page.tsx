import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { managedPatients, pendingRequests } from "@/lib/family/views";
import { datesIn } from "@/lib/format";
import { pageLocale } from "@/lib/i18n/page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home");
  return { title: t("title") };
}

const link = "font-medium text-family-700 underline underline-offset-2";

export default async function MyChildrenHome() {
  const account = await requireFamilyAccount();
  const [patients, requests, t, locale] = await Promise.all([managedPatients(account.accountId), pendingRequests(account.accountId), getTranslations("home"), pageLocale()]);
  const dates = datesIn(locale);
  const now = new Date();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("signedInAs", { name: account.fullName })}</p>

      <section aria-labelledby="requests-heading" className="mt-8">
        <h2 id="requests-heading" className="text-lg font-semibold">{t("requestsHeading")}</h2>
        {requests.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("noRequests")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {requests.map((request) => (
              <li key={request.id} className="rounded-lg border border-amber-300 bg-white p-4 shadow-sm">
                <p>
                  {t.rich("requestLine", {
                    strong: (chunks) => <span className="font-semibold">{chunks}</span>,
                    provider: request.provider.fullName,
                    practice: request.provider.practice.name,
                    firstName: request.patient.firstName,
                    date: dates.date(request.createdAt),
                    daysAgo: dates.daysAgo(request.createdAt, now),
                  })}
                </p>
                <Link href={`/mychildren/requests/${request.id}`} className={`mt-2 inline-block ${link}`}>
                  {t("review", { provider: request.provider.fullName })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="patients-heading" className="mt-10">
        <h2 id="patients-heading" className="text-lg font-semibold">{t("patientsHeading")}</h2>
        {patients.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("noPatients")}</p>
        ) : (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {patients.map((patient) => (
              <li key={patient.mrn} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h3 className="font-semibold">{patient.firstName} {patient.lastName}</h3>
                <p className="text-sm text-slate-600">
                  {[t("born", { date: dates.calendarDate(patient.dateOfBirth) }), t("mrn", { mrn: patient.mrn }), patient.links[0]?.relationship === "SELF" ? t("self") : t("guardian")].join(" · ")}
                </p>
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                  <Link href={`/mychildren/patients/${patient.mrn}/sharing`} className={link}>
                    {t("whoCanSee", { firstName: patient.firstName })}
                  </Link>
                  <Link href={`/mychildren/patients/${patient.mrn}/activity`} className={link}>
                    {t("activity")}<span className="sr-only">{t("activityFor", { firstName: patient.firstName })}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
