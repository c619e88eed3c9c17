import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireProvider } from "@/lib/auth/current-user";
import { formatDate } from "@/lib/format";
import { practiceForAdmin, type ManagedPractice } from "@/lib/practices/management";
import { ConfirmMembersForm, MembershipButtons } from "./practice-forms";

export const metadata: Metadata = { title: "Manage your practice" };

type Person = ManagedPractice["members"][number];

function PersonSummary({ person, extra }: { person: Person; extra?: string }) {
  return (
    <div>
      <p className="font-semibold">{person.fullName}</p>
      <p className="text-sm text-slate-700">
        {person.email} · NPI {person.npi}
      </p>
      {extra ? <p className="text-sm text-slate-600">{extra}</p> : null}
    </div>
  );
}

/** SPEC §4: site administrators only; anyone else gets "not found". */
export default async function ManagePractice() {
  const provider = await requireProvider();
  const practice = await practiceForAdmin(provider.providerId);
  if (!practice) notFound();
  const now = new Date();
  const overdue = practice.confirmationDue <= now;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Manage {practice.name}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">
        You vouch for who works here: an approved member can open the records of every patient whose primary care provider is
        in this practice. Approve only people you know, and remove anyone who leaves.
      </p>

      <section aria-labelledby="waiting-heading" className="mt-8">
        <h2 id="waiting-heading" className="text-lg font-semibold">Waiting for approval</h2>
        {practice.waiting.length === 0 ? (
          <p className="mt-2 text-slate-700">Nobody is waiting.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {practice.waiting.map((person) => (
              <li key={person.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-amber-300 bg-white p-4 shadow-sm">
                <PersonSummary person={person} extra={`Registered ${formatDate(person.createdAt)}`} />
                <MembershipButtons
                  providerId={person.id}
                  name={person.fullName}
                  changes={[
                    { change: "approve", label: "Approve", tone: "primary" },
                    { change: "decline", label: "Decline", tone: "danger" },
                  ]}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="members-heading" className="mt-10">
        <h2 id="members-heading" className="text-lg font-semibold">Members</h2>
        <ul className="mt-3 space-y-3">
          {practice.members.map((person) => {
            const admin = person.membershipRole === "SITE_ADMIN";
            return (
              <li key={person.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <PersonSummary person={person} extra={admin ? "Site administrator" : "Member"} />
                <MembershipButtons
                  providerId={person.id}
                  name={person.fullName}
                  changes={[
                    admin ? { change: "removeSiteAdmin", label: "Remove site administrator role", tone: "secondary" } : { change: "makeSiteAdmin", label: "Make site administrator", tone: "secondary" },
                    { change: "remove", label: "Remove from practice", tone: "danger" },
                  ]}
                />
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="confirm-heading" className="mt-10">
        <h2 id="confirm-heading" className="text-lg font-semibold">Confirm members</h2>
        <p className="mt-2 max-w-2xl text-slate-700">
          Every 90 days, confirm that everyone listed above still works here.{" "}
          {practice.membersConfirmedAt ? `The list was last confirmed on ${formatDate(practice.membersConfirmedAt)}.` : "The list has not been confirmed yet."}{" "}
          <span className={overdue ? "font-semibold text-red-800" : undefined}>
            {overdue ? `It was due on ${formatDate(practice.confirmationDue)}.` : `It is next due on ${formatDate(practice.confirmationDue)}.`}
          </span>
        </p>
        <ConfirmMembersForm />
      </section>
    </>
  );
}
