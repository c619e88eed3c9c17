import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import { requireProvider } from "@/lib/auth/current-user";
import { formatDate } from "@/lib/format";
import { requestsOfProvider, type MyRequest } from "@/lib/requests/mine";
import { CancelRequestForm } from "./cancel-form";

export const metadata: Metadata = { title: "My access requests" };


const STATUS: Record<MyRequest["status"], { label: string; tone: string }> = {
  PENDING: { label: "Pending", tone: "bg-amber-100 text-amber-900" },
  APPROVED: { label: "Approved", tone: "bg-green-100 text-green-900" },
  DENIED: { label: "Declined", tone: "bg-red-100 text-red-900" },
  EXPIRED: { label: "Expired", tone: "bg-slate-200 text-slate-800" },
  CANCELLED: { label: "Cancelled", tone: "bg-slate-200 text-slate-800" },
};

function accessNote(request: MyRequest): string | null {
  if (!request.access) return null;
  if (request.access.revokedAt) return `Access ended on ${formatDate(request.access.revokedAt)}: the family revoked it.`;
  if (request.access.ended && request.access.endsAt) return `Access ended on ${formatDate(request.access.endsAt)}.`;
  return request.access.endsAt ? `Access until ${formatDate(request.access.endsAt)}.` : "Access with no end date.";
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
        <DataTable
          label="Your access requests"
          caption="Your access requests, newest first"
          rows={requests}
          columns={[
            [
              "Patient",
              (request) => (
                <>
                  {request.status === "APPROVED" && request.access && !request.access.ended ? (
                    <Link href={`/mypatients/patients/${request.mrn}`} className="font-medium text-brand-700 underline">{request.patientName}</Link>
                  ) : (
                    <span className="font-medium">{request.patientName}</span>
                  )}
                  <span className="block text-slate-600">MRN {request.mrn}</span>
                </>
              ),
            ],
            ["Requested", (request) => formatDate(request.createdAt)],
            [
              "Status",
              (request) => {
                const note = accessNote(request);
                return (
                  <>
                    <span className={`inline-block rounded px-2 py-0.5 font-medium ${STATUS[request.status].tone}`}>{STATUS[request.status].label}</span>
                    {note ? <span className="mt-1 block text-slate-700">{note}</span> : null}
                    {request.status === "PENDING" ? <CancelRequestForm requestId={request.id} patientName={request.patientName} /> : null}
                  </>
                );
              },
            ],
          ]}
        />
      )}
    </>
  );
}
