import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { sharingFor } from "@/lib/family/views";
import { formatDate } from "@/lib/format";
import { InviteForm, RowAction } from "../../../family-forms";
import { isMrn } from "@/lib/patients/mrn";

export const metadata: Metadata = { title: "Who can see the record" };


export default async function SharingPage({ params }: { params: Promise<{ mrn: string }> }) {
  const account = await requireFamilyAccount();
  const { mrn } = await params;
  const patient = isMrn(mrn) ? await sharingFor(account.accountId, mrn) : null;
  if (!patient) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Who can see {patient.firstName}&apos;s record</h1>

      <section aria-labelledby="pcp-heading" className="mt-6">
        <h2 id="pcp-heading" className="text-lg font-semibold">Primary care practice</h2>
        <p className="mt-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <span className="font-semibold">{patient.pcp.practice.name}</span>, where {patient.pcp.fullName} is {patient.firstName}&apos;s
          primary care provider. The primary care practice always sees the record; this cannot be removed here.
        </p>
      </section>

      <section aria-labelledby="grants-heading" className="mt-8">
        <h2 id="grants-heading" className="text-lg font-semibold">Other providers you gave access to</h2>
        {patient.accessGrants.length === 0 ? (
          <p className="mt-2 text-slate-700">No other provider can see the record.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {patient.accessGrants.map((grant) => (
              <li key={grant.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div>
                  <p className="font-semibold">{grant.provider.fullName}</p>
                  <p className="text-sm text-slate-700">{grant.provider.practice.name}</p>
                  <p className="mt-1 text-sm text-slate-700">
                    {grant.source === "TOKEN" ? "Through an invitation" : "Through a request you approved"} · since {formatDate(grant.startsAt)} ·{" "}
                    {grant.endsAt ? `until ${formatDate(grant.endsAt)}` : "no end date"}
                  </p>
                </div>
                <RowAction kind="revoke" id={grant.id} mrn={patient.mrn} label={`Revoke access of ${grant.provider.fullName}`} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="invite-heading" className="mt-8">
        <h2 id="invite-heading" className="text-lg font-semibold">Invite a provider</h2>
        <p className="mt-2 max-w-2xl text-slate-700">
          We email the provider a token that opens {patient.firstName}&apos;s record once they validate it in MyPatients. It
          works once and expires after six months. You can withdraw it until it is used, and revoke access afterwards.
        </p>
        <InviteForm mrn={patient.mrn} />
        {patient.invitationTokens.length > 0 ? (
          <>
            <h3 className="mt-6 font-semibold">Invitations not used yet</h3>
            <ul className="mt-2 space-y-3">
              {patient.invitationTokens.map((invitation) => (
                <li key={invitation.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                  <p className="text-sm">
                    <span className="font-semibold">{invitation.providerEmail}</span>
                    <span className="block text-slate-700">
                      Invited {formatDate(invitation.createdAt)} · expires {formatDate(invitation.expiresAt)}
                    </span>
                  </p>
                  <RowAction kind="withdraw" id={invitation.id} mrn={patient.mrn} label={`Withdraw the invitation to ${invitation.providerEmail}`} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
