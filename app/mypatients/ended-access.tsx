import Link from "next/link";
import type { ProviderPrincipal } from "@/lib/auth/session-store";
import { formatDate } from "@/lib/format";
import { RequestAccess } from "./patient-search";

/**
 * What a provider whose access to a record ended sees at its old address: when it ended and how to
 * ask again. Shown only to providers who held a grant for this patient (lib/grants/shared.ts).
 */
export function EndedAccess({ provider, ended }: { provider: ProviderPrincipal; ended: { firstName: string; lastName: string; mrn: string; endedAt: Date } }) {
  const name = `${ended.firstName} ${ended.lastName}`;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">
        Your access to {name}&apos;s record ended on {formatDate(ended.endedAt)}
      </h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        The family revoked it, or it reached the end date they chose. Nothing of the record is shown once access has ended.
      </p>
      <section aria-labelledby="ask-again-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="ask-again-heading" className="text-lg font-semibold">Ask again</h2>
        {provider.membership === "APPROVED" ? (
          <div className="mt-2">
            <RequestAccess mrn={ended.mrn} name={name} lead="You can ask the patient or guardian for access again." />
          </div>
        ) : (
          <p className="mt-2 text-slate-700">The family can send you a new invitation token, which you enter on Validate a Token.</p>
        )}
      </section>
      <p className="mt-6">
        <Link href="/mypatients/shared" className="font-medium text-brand-700 underline">
          Records shared with me
        </Link>
      </p>
    </>
  );
}
