import type { Metadata } from "next";
import Link from "next/link";
import { requireProvider } from "@/lib/auth/current-user";
import type { ProviderPrincipal } from "@/lib/auth/session-store";
import { membershipOf } from "@/lib/practices/management";
import { PatientSearch } from "./patient-search";

export const metadata: Metadata = { title: "Patient Selection" };

const link = "font-medium text-brand-700 underline underline-offset-4";

/** What a provider whose membership is not approved is told instead of the search form (SPEC §4). */
async function MembershipNotice({ provider }: { provider: ProviderPrincipal }) {
  const membership = await membershipOf(provider.providerId);
  const practice = membership?.practiceName ?? "your practice";
  let heading: string;
  let detail: string;
  if (provider.membership === "PENDING") {
    heading = "Your account is waiting for approval.";
    detail = !membership?.practiceEnrolled
      ? `The hospital approves it once it has enrolled ${practice}. We email you when it is done.`
      : membership.siteAdministrators.length > 0
        ? `A site administrator of ${practice} approves it: ${membership.siteAdministrators.join(", ")}. We email you when it is done.`
        : `The hospital approves it, as ${practice} has no site administrator yet. We email you when it is done.`;
  } else if (provider.membership === "DECLINED") {
    heading = `Your registration as a member of ${practice} was not approved.`;
    detail = "If you think this is a mistake, speak to your practice's site administrator or the hospital's provider relations team.";
  } else {
    heading = `You are no longer a member of ${practice} in MyPatients.`;
    detail = "Records of your former practice's patients no longer open for you. Records a family shared with you still do.";
  }
  return (
    <div role="status" className="mt-6 max-w-2xl rounded-lg border-l-4 border-amber-600 bg-amber-50 p-5">
      <p className="font-semibold text-amber-950">{heading}</p>
      <p className="mt-2 text-slate-800">{detail}</p>
      <p className="mt-3 text-slate-800">
        Meanwhile, an invitation a family sent to your email still works: enter it at <Link href="/mypatients/validate-token" className={link}>Validate a Token</Link>, then
        find the record in <Link href="/mypatients/shared" className={link}>Records shared with me</Link>.
      </p>
    </div>
  );
}

export default async function PatientSelection() {
  const provider = await requireProvider();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Patient Selection</h1>
      <p className="mt-1 text-sm text-slate-600">Signed in as {provider.fullName}</p>
      {provider.membership === "APPROVED" ? (
        <>
          <p className="mt-3 max-w-2xl text-slate-700">
            Find a patient by last name and date of birth, or by MRN. You can open the records of your practice&apos;s
            patients, and of patients whose family granted you access.
          </p>
          <PatientSearch />
        </>
      ) : (
        <MembershipNotice provider={provider} />
      )}
    </>
  );
}
