import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireFamilyAccount } from "@/lib/auth/current-user";
import { requestForDecision } from "@/lib/family/views";
import { formatDate } from "@/lib/format";
import { ALREADY_ANSWERED, REQUEST_CANCELLED, REQUEST_EXPIRED } from "@/lib/requests/decide";
import { DecisionForm } from "../../family-forms";

export const metadata: Metadata = { title: "Access request" };


export default async function AccessRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const account = await requireFamilyAccount();
  const { id } = await params;
  const request = await requestForDecision(account.accountId, id);
  if (!request) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Access request</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        A provider outside {request.patient.firstName}&apos;s primary care practice asked to see the record. If you
        approve, they can see it until the date you choose, or until you revoke their access.
      </p>
      <dl className="mt-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <dt className="font-medium">Provider</dt>
        <dd>{request.provider.fullName}</dd>
        <dt className="font-medium">Practice</dt>
        <dd>{request.provider.practice.name}</dd>
        <dt className="font-medium">NPI</dt>
        <dd>{request.provider.npi}</dd>
        <dt className="font-medium">Patient</dt>
        <dd>{request.patient.firstName} {request.patient.lastName}</dd>
        <dt className="font-medium">Date</dt>
        <dd>{formatDate(request.createdAt)}</dd>
        <dt className="font-medium">Reason</dt>
        <dd>{request.reason ?? "No reason given"}</dd>
      </dl>
      {request.status === "PENDING" ? (
        <DecisionForm requestId={request.id} />
      ) : (
        <p role="status" className="mt-6 rounded-md border-l-4 border-slate-500 bg-slate-100 px-4 py-3">
          {request.status === "EXPIRED" ? REQUEST_EXPIRED : request.status === "CANCELLED" ? REQUEST_CANCELLED : ALREADY_ANSWERED}
        </p>
      )}
    </>
  );
}
