import type { Metadata } from "next";
import Link from "next/link";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { managedPatients, pendingRequests } from "@/lib/family/views";
import { formatCalendarDate, formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "MyChildren's" };

const link = "font-medium text-family-700 underline underline-offset-2";

export default async function MyChildrenHome() {
  const account = await requireFamilyAccount();
  const [patients, requests] = await Promise.all([managedPatients(account.accountId), pendingRequests(account.accountId)]);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">MyChildren&apos;s</h1>
      <p className="mt-1 text-sm text-slate-600">Signed in as {account.fullName}</p>

      <section aria-labelledby="requests-heading" className="mt-8">
        <h2 id="requests-heading" className="text-lg font-semibold">Access requests waiting for you</h2>
        {requests.length === 0 ? (
          <p className="mt-2 text-slate-700">No provider is waiting for an answer.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {requests.map((request) => (
              <li key={request.id} className="rounded-lg border border-amber-300 bg-white p-4 shadow-sm">
                <p>
                  <span className="font-semibold">{request.provider.fullName}</span> of {request.provider.practice.name} asked to see{" "}
                  {request.patient.firstName}&apos;s record on {formatDate(request.createdAt)}.
                </p>
                <Link href={`/mychildren/requests/${request.id}`} className={`mt-2 inline-block ${link}`}>
                  Review the request from {request.provider.fullName}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="patients-heading" className="mt-10">
        <h2 id="patients-heading" className="text-lg font-semibold">Records you manage</h2>
        {patients.length === 0 ? (
          <p className="mt-2 text-slate-700">This account does not manage any record at the moment.</p>
        ) : (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {patients.map((patient) => (
              <li key={patient.mrn} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <h3 className="font-semibold">{patient.firstName} {patient.lastName}</h3>
                <p className="text-sm text-slate-600">
                  Born {formatCalendarDate(patient.dateOfBirth)} · MRN {patient.mrn} · {patient.links[0]?.relationship === "SELF" ? "Your own record" : "You are the parent or guardian"}
                </p>
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                  <Link href={`/mychildren/patients/${patient.mrn}/sharing`} className={link}>
                    Who can see {patient.firstName}&apos;s record
                  </Link>
                  <Link href={`/mychildren/patients/${patient.mrn}/activity`} className={link}>
                    Record activity<span className="sr-only"> for {patient.firstName}</span>
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
