import type { Metadata } from "next";
import { z } from "zod";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { searchFamilies } from "@/lib/staff/console";
import { freeText, optionalMrn } from "@/lib/validation";
import { openStaffPage, param } from "../staff-page";
import { ActivationCodeForm, DisableAccountButton, EndLinkForm } from "../staff-forms";

export const metadata: Metadata = { title: "Families" };

const familySearch = z.object({ email: freeText(254), mrn: optionalMrn("Enter the MRN as digits only.") });

/** SPEC §5b: MyChildren's accounts by email or MRN; disable an account, end a link, issue an activation code. */
export default async function Families({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const parsed = familySearch.safeParse({ email: param(query.email), mrn: param(query.mrn) });
  const search = parsed.success ? parsed.data : { email: "", mrn: "" };
  await openStaffPage("families", { ...(search.email ? { email: search.email } : {}), ...(search.mrn ? { mrn: search.mrn } : {}) });
  const accounts = parsed.success ? await searchFamilies(search) : [];
  const asked = Boolean(search.email || search.mrn);
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the search.");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Families</h1>
      <section aria-labelledby="search-heading" className="mt-6">
        <h2 id="search-heading" className="text-lg font-semibold">Find a MyChildren&apos;s account</h2>
        <form method="get" action="/staff/families" role="search" className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="search-email" className="block text-sm font-medium text-slate-900">Email</label>
            <input id="search-email" name="email" type="search" defaultValue={param(query.email)} maxLength={254} className="mt-1 block w-72 max-w-full rounded-md border border-slate-400 bg-white px-3 py-2" />
          </div>
          <div>
            <label htmlFor="search-mrn" className="block text-sm font-medium text-slate-900">MRN</label>
            <input id="search-mrn" name="mrn" type="search" inputMode="numeric" defaultValue={param(query.mrn)} maxLength={20} aria-invalid={problem ? true : undefined} aria-describedby={problem ? "search-error" : undefined} className="mt-1 block w-40 rounded-md border border-slate-400 bg-white px-3 py-2" />
          </div>
          <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 font-semibold text-white hover:bg-slate-900">Search</button>
        </form>
        {problem ? <p id="search-error" role="alert" className="mt-2 font-medium text-red-700">{problem}</p> : null}
        {parsed.success && asked && accounts.length === 0 ? <p className="mt-4 text-slate-700" role="status">No account matches.</p> : null}
        <ul className="mt-4 space-y-4" aria-label="Matching accounts">
          {accounts.map((account) => (
            <li key={account.id} className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div>
                  <h3 className="font-semibold">{account.fullName}</h3>
                  <p className="text-sm text-slate-700">
                    {account.email} · {account.status === "DISABLED" ? `disabled${account.disabledAt ? ` on ${formatDate(account.disabledAt)}` : ""}` : "active"}
                  </p>
                </div>
                {account.status === "ACTIVE" ? <DisableAccountButton accountId={account.id} email={account.email} /> : null}
              </div>
              <h4 className="mt-3 text-sm font-semibold">Links</h4>
              <ul className="mt-1 space-y-3">
                {account.links.map((link) => {
                  const patient = `${link.patient.firstName} ${link.patient.lastName}`;
                  return (
                    <li key={link.id} className="border-t border-slate-200 pt-2">
                      <p>
                        {patient} (MRN {link.patient.mrn}, born {formatCalendarDate(link.patient.dateOfBirth)}) · {link.relationship === "GUARDIAN" ? "parent or guardian" : "self"} · since {formatDate(link.createdAt)}
                        {link.endedAt ? ` · ended ${formatDate(link.endedAt)}${link.endedReason ? `: ${link.endedReason}` : ""}` : ""}
                      </p>
                      {link.endedAt ? null : <EndLinkForm linkId={link.id} label={`${patient} (${account.email})`} />}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="activation-heading" className="mt-10">
        <h2 id="activation-heading" className="text-lg font-semibold">Issue activation code</h2>
        <p className="mt-1 max-w-2xl text-slate-700">A single-use code, valid 30 days, that links a MyChildren&apos;s account to the patient. It is shown once.</p>
        <ActivationCodeForm />
      </section>
    </>
  );
}
