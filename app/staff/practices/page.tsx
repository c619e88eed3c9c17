import type { Metadata } from "next";
import { DataTable } from "@/app/_components/data-table";
import { formatDate } from "@/lib/format";
import { practicesForStaff } from "@/lib/staff/console";
import { openStaffPage } from "../staff-page";
import { EnrollButton } from "../staff-forms";

export const metadata: Metadata = { title: "Practices" };

/** SPEC §5b: enrolled and pending practices; "Enroll"; when each member list was last confirmed. */
export default async function Practices() {
  await openStaffPage("practices");
  const practices = await practicesForStaff();
  const pending = practices.filter((practice) => practice.status === "PENDING");
  const enrolled = practices.filter((practice) => practice.status === "ENROLLED");
  const overdue = enrolled.filter((practice) => practice.overdue);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Practices</h1>
      <section aria-labelledby="pending-heading" className="mt-6">
        <h2 id="pending-heading" className="text-lg font-semibold">Waiting to be enrolled</h2>
        {pending.length === 0 ? (
          <p className="mt-2 text-slate-700">No practice is waiting.</p>
        ) : (
          <DataTable
            label="Table of practices waiting to be enrolled"
            rows={pending}
            columns={[
              ["Practice", (practice) => practice.name],
              ["City", (practice) => practice.city ?? ""],
              ["Phone", (practice) => practice.phone ?? "", { nowrap: true }],
              ["Named on", (practice) => formatDate(practice.createdAt), { nowrap: true }],
              ["", (practice) => <EnrollButton practiceId={practice.id} name={practice.name} />],
            ]}
          />
        )}
      </section>
      <section aria-labelledby="overdue" className="mt-10">
        <h2 id="overdue" className="text-lg font-semibold">Overdue confirmations</h2>
        {overdue.length === 0 ? (
          <p className="mt-2 text-slate-700">Every enrolled practice confirmed its member list within the last 90 days.</p>
        ) : (
          <ul className="mt-2 list-disc pl-5">
            {overdue.map((practice) => (
              <li key={practice.id}>
                {practice.name}: due {formatDate(practice.confirmationDue!)}
                {practice.membersConfirmedAt ? `, last confirmed ${formatDate(practice.membersConfirmedAt)}` : ", never confirmed"}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="enrolled-heading" className="mt-10">
        <h2 id="enrolled-heading" className="text-lg font-semibold">Enrolled practices</h2>
        <DataTable
          label="Table of enrolled practices"
          rows={enrolled}
          columns={[
            ["Practice", (practice) => practice.name],
            ["Kind", (practice) => (practice.kind === "PRIMARY_CARE" ? "Primary care" : "Specialty")],
            ["Providers", (practice) => practice.providerCount],
            ["Members last confirmed", (practice) => (practice.membersConfirmedAt ? formatDate(practice.membersConfirmedAt) : "Never"), { nowrap: true }],
            ["Next due", (practice) => <span className={practice.overdue ? "font-semibold text-red-800" : undefined}>{formatDate(practice.confirmationDue!)}{practice.overdue ? " (overdue)" : ""}</span>, { nowrap: true }],
          ]}
        />
      </section>
    </>
  );
}
