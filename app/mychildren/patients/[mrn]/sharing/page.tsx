import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { sharingFor } from "@/lib/family/views";
import { datesIn } from "@/lib/format";
import { pageLocale } from "@/lib/i18n/page";
import { InviteForm, RowAction } from "../../../family-forms";
import { isMrn } from "@/lib/patients/mrn";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sharing");
  return { title: t("metaTitle") };
}

export default async function SharingPage({ params }: { params: Promise<{ mrn: string }> }) {
  const account = await requireFamilyAccount();
  const { mrn } = await params;
  const patient = isMrn(mrn) ? await sharingFor(account.accountId, mrn) : null;
  if (!patient) notFound();
  const [t, locale] = await Promise.all([getTranslations("sharing"), pageLocale()]);
  const { date } = datesIn(locale);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title", { firstName: patient.firstName })}</h1>

      <section aria-labelledby="pcp-heading" className="mt-6">
        <h2 id="pcp-heading" className="text-lg font-semibold">{t("pcpHeading")}</h2>
        <p className="mt-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          {t.rich("pcpText", {
            strong: (chunks) => <span className="font-semibold">{chunks}</span>,
            practice: patient.pcp.practice.name,
            pcp: patient.pcp.fullName,
            firstName: patient.firstName,
          })}
        </p>
      </section>

      <section aria-labelledby="grants-heading" className="mt-8">
        <h2 id="grants-heading" className="text-lg font-semibold">{t("grantsHeading")}</h2>
        {patient.accessGrants.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("noGrants")}</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {patient.accessGrants.map((grant) => (
              <li key={grant.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div>
                  <p className="font-semibold">{grant.provider.fullName}</p>
                  <p className="text-sm text-slate-700">{grant.provider.practice.name}</p>
                  <p className="mt-1 text-sm text-slate-700">
                    {[grant.source === "TOKEN" ? t("viaToken") : t("viaRequest"), t("since", { date: date(grant.startsAt) }), grant.endsAt ? t("until", { date: date(grant.endsAt) }) : t("noEnd")].join(" · ")}
                  </p>
                </div>
                <RowAction kind="revoke" id={grant.id} mrn={patient.mrn} label={t("revokeLabel", { provider: grant.provider.fullName })} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="invite-heading" className="mt-8">
        <h2 id="invite-heading" className="text-lg font-semibold">{t("inviteHeading")}</h2>
        <p className="mt-2 max-w-2xl text-slate-700">
          {t("inviteText", { firstName: patient.firstName })}
        </p>
        <InviteForm mrn={patient.mrn} />
        {patient.invitationTokens.length > 0 ? (
          <>
            <h3 className="mt-6 font-semibold">{t("pendingHeading")}</h3>
            <ul className="mt-2 space-y-3">
              {patient.invitationTokens.map((invitation) => (
                <li key={invitation.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                  <p className="text-sm">
                    <span className="font-semibold">{invitation.providerEmail}</span>
                    <span className="block text-slate-700">
                      {t("invited", { invited: date(invitation.createdAt), expires: date(invitation.expiresAt) })}
                    </span>
                  </p>
                  <RowAction kind="withdraw" id={invitation.id} mrn={patient.mrn} label={t("withdrawLabel", { email: invitation.providerEmail })} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
