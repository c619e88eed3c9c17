import type { Metadata } from "next";
import { TableFrame } from "@/app/_components/table-frame";
import Link from "next/link";
import { requireProvider } from "@/lib/auth/current-user";
import { requestsOfProvider, type MyRequest } from "@/lib/requests/mine";

export const metadata: Metadata = { title: "My access requests" };

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

const STATUS: Record<MyRequest["status"], { label: string; tone: string }> = {
  PENDING: { label: "Pending", tone: "bg-amber-100 text-amber-900" },
  APPROVED: { label: "Approved", tone: "bg-green-100 text-green-900" },
  DENIED: { label: "Declined", tone: "bg-red-100 text-red-900" },
  EXPIRED: { label: "Expired", tone: "bg-slate-200 text-slate-800" },
  CANCELLED: { label: "Cancelled", tone: "bg-slate-200 text-slate-800" },
};

function accessNote(request: MyRequest): string | null {
  if (!request.access) return null;
  if (request.access.revokedAt) return `Access ended on ${dateFormat.format(request.access.revokedAt)}: the family revoked it.`;
  if (request.access.ended && request.access.endsAt) return `Access ended on ${dateFormat.format(request.access.endsAt)}.`;
  return request.access.endsAt ? `Access until ${dateFormat.format(request.access.endsAt)}.` : "Access with no end date.";
}

export default async function MyAccessRequests() {
  const provider = await requireProvider();
  const requests = await requestsOfProvider(provider.providerId);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">My access requests</h1>
      {requests.length === 0 ? (
        <p className="mt-4 text-slate-700">
          You have not requested access to any patient. Find a patient on <Link href="/mypatients" className="font-medium text-brand-700 underline">Patient Selection</Link>.
        </p>
      ) : (
        <TableFrame label="Your access requests">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Your access requests, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">Patient</th>
                <th scope="col" className="px-3 py-2 font-semibold">Requested</th>
                <th scope="col" className="px-3 py-2 font-semibold">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {requests.map((request) => {
                const note = accessNote(request);
                const open = request.status === "APPROVED" && request.access && !request.access.ended;
                return (
                  <tr key={request.id}>
                    <td className="px-3 py-2 align-top">
                      {open ? (
                        <Link href={`/mypatients/patients/${request.mrn}`} className="font-medium text-brand-700 underline">{request.patientName}</Link>
                      ) : (
                        <span className="font-medium">{request.patientName}</span>
                      )}
                      <span className="block text-slate-600">MRN {request.mrn}</span>
                    </td>
                    <td className="px-3 py-2 align-top">{dateFormat.format(request.createdAt)}</td>
                    <td className="px-3 py-2 align-top">
                      <span className={`inline-block rounded px-2 py-0.5 font-medium ${STATUS[request.status].tone}`}>{STATUS[request.status].label}</span>
                      {note ? <span className="mt-1 block text-slate-700">{note}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableFrame>
      )}
    </>
  );
}
