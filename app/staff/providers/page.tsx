import type { Metadata } from "next";
import Link from "next/link";
import { waitingForHospital } from "@/lib/practices/hospital";
import { searchProviders } from "@/lib/staff/console";
import { openStaffPage, param } from "../staff-page";

export const metadata: Metadata = { title: "Providers" };

type Waiting = Awaited<ReturnType<typeof waitingForHospital>>["newPractices"];

function WaitingList({ id, title, empty, practices }: { id: string; title: string; empty: string; practices: Waiting }) {
  return (
    <section aria-labelledby={id} className="mt-6">
      <h3 id={id} className="font-semibold">{title}</h3>
      {practices.length === 0 ? (
        <p className="mt-1 text-slate-700">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {practices.map((practice) => (
            <li key={practice.id} className="rounded-lg border border-amber-300 bg-white p-4 shadow-sm">
              <p className="font-semibold">
                {practice.name}
                {practice.city ? `, ${practice.city}` : ""}
              </p>
              <ul className="mt-1 list-disc pl-5">
                {practice.providers.map((provider) => (
                  <li key={provider.id}>
                    <Link href={`/staff/providers/${provider.id}`} className="font-medium text-slate-900 underline underline-offset-4">
                      {provider.fullName}
                    </Link>{" "}
                    <span className="text-sm text-slate-700">
                      {provider.email} · NPI {provider.npi}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** SPEC §5b: who waits for the hospital, and a search by name, email or NPI. */
export default async function Providers({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = param((await searchParams).q).trim().slice(0, 254);
  await openStaffPage("providers", query ? { query } : {});
  const [{ newPractices, withoutAdmin }, matches] = await Promise.all([waitingForHospital(), searchProviders(query)]);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Providers</h1>
      <section aria-labelledby="waiting-heading" className="mt-6">
        <h2 id="waiting-heading" className="text-lg font-semibold">Waiting for approval</h2>
        <WaitingList id="new-practices" title="New practices" empty="No new practice is waiting." practices={newPractices} />
        <WaitingList id="without-admin" title="Practices without a site administrator" empty="No such practice has anyone waiting." practices={withoutAdmin} />
      </section>
      <section aria-labelledby="search-heading" className="mt-10">
        <h2 id="search-heading" className="text-lg font-semibold">Find a provider</h2>
        <form method="get" action="/staff/providers" role="search" className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="block text-sm font-medium text-slate-900">Name, email or NPI</label>
            <input id="q" name="q" type="search" defaultValue={query} maxLength={254} className="mt-1 block w-80 max-w-full rounded-md border border-slate-400 bg-white px-3 py-2" />
          </div>
          <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 font-semibold text-white hover:bg-slate-900">Search</button>
        </form>
        {query ? (
          matches.length === 0 ? (
            <p className="mt-4 text-slate-700" role="status">{query.length < 2 ? "Type at least 2 characters." : "No provider matches."}</p>
          ) : (
            <ul className="mt-4 space-y-2" aria-label="Matching providers">
              {matches.map((provider) => (
                <li key={provider.id}>
                  <Link href={`/staff/providers/${provider.id}`} className="font-medium text-slate-900 underline underline-offset-4">
                    {provider.fullName}
                  </Link>{" "}
                  <span className="text-sm text-slate-700">
                    {provider.email} · NPI {provider.npi} · {provider.practice.name} · {provider.status === "DISABLED" ? "disabled" : provider.membershipEndedAt ? "removed" : provider.membershipStatus.toLowerCase()}
                  </span>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
    </>
  );
}
