import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { requestForDecision } from "@/lib/family/views";
import { datesIn } from "@/lib/format";
import { messageInRequestLanguage } from "@/lib/i18n/family-language";
import { pageLocale } from "@/lib/i18n/page";
import { ALREADY_ANSWERED, REQUEST_CANCELLED, REQUEST_EXPIRED } from "@/lib/requests/decide";
import { DecisionForm } from "../../family-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("request");
  return { title: t("title") };
}

export default async function AccessRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireFamilyAccount();
  const { id } = await params;
  const request = await requestForDecision(account.accountId, id);
  if (!request) notFound();
  const [t, locale] = await Promise.all([getTranslations("request"), pageLocale()]);
  const closed =
    request.status === "PENDING" ? null : await messageInRequestLanguage(request.status === "EXPIRED" ? REQUEST_EXPIRED : request.status === "CANCELLED" ? REQUEST_CANCELLED : ALREADY_ANSWERED);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 max-w-2xl text-slate-700">{t("intro", { firstName: request.patient.firstName })}</p>
      <dl className="mt-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <dt className="font-medium">{t("provider")}</dt>
        <dd>{request.provider.fullName}</dd>
        <dt className="font-medium">{t("practice")}</dt>
        <dd>{request.provider.practice.name}</dd>
        <dt className="font-medium">{t("npi")}</dt>
        <dd>{request.provider.npi}</dd>
        <dt className="font-medium">{t("patient")}</dt>
        <dd>{request.patient.firstName} {request.patient.lastName}</dd>
        <dt className="font-medium">{t("date")}</dt>
        <dd>{datesIn(locale).date(request.createdAt)}</dd>
        <dt className="font-medium">{t("reason")}</dt>
        <dd>{request.reason ?? t("noReason")}</dd>
      </dl>
      {closed ? (
        <p role="status" className="mt-6 rounded-md border-l-4 border-slate-500 bg-slate-100 px-4 py-3">
          {closed}
        </p>
      ) : (
        <DecisionForm requestId={request.id} />
      )}
    </>
  );
}
