import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DataTable } from "@/app/_components/data-table";
import { AUDIT_ACTION_LABELS } from "@/lib/audit/search";
import { formatDate, formatDateTime } from "@/lib/format";
import { providerForStaff } from "@/lib/staff/console";
import { openStaffPage } from "../../staff-page";
import { ProviderButtons } from "../../staff-forms";

export const metadata: Metadata = { title: "Provider" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function membershipText(provider: NonNullable<Awaited<ReturnType<typeof providerForStaff>>>): string {
  if (provider.membershipEndedAt) return `Removed from the practice on ${formatDate(provider.membershipEndedAt)}`;
  const by = provider.membershipDecidedBy?.fullName ?? provider.membershipDecidedByStaff;
  const when = provider.membershipDecidedAt ? ` on ${formatDate(provider.membershipDecidedAt)}${by ? ` by ${by}` : ""}` : "";
  if (provider.membershipStatus === "APPROVED") return `Approved${when} · ${provider.membershipRole === "SITE_ADMIN" ? "site administrator" : "member"}`;
  if (provider.membershipStatus === "DECLINED") return `Declined${when}`;
  return "Waiting for approval";
}

/** SPEC §5b: one provider, what staff can do for them, and their recent audit events. */
export default async function StaffProvider({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await openStaffPage("provider", { providerId: id.slice(0, 64) });
  const provider = UUID.test(id) ? await providerForStaff(id) : null;
  if (!provider) notFound();
  const disabled = provider.status === "DISABLED";
  const changes = [
    ...(provider.membershipStatus === "PENDING" || provider.membershipStatus === "DECLINED" || provider.membershipEndedAt ? [{ change: "approve", label: "Approve", tone: "primary" as const }] : []),
    ...(provider.membershipStatus === "PENDING" ? [{ change: "decline", label: "Decline", tone: "danger" as const }] : []),
    ...(provider.membershipStatus === "APPROVED" && !provider.membershipEndedAt && provider.membershipRole !== "SITE_ADMIN" ? [{ change: "makeSiteAdmin", label: "Make site administrator", tone: "secondary" as const }] : []),
    disabled ? { change: "enable", label: "Enable account", tone: "secondary" as const } : { change: "disable", label: "Disable account", tone: "danger" as const },
  ];
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{provider.fullName}</h1>
      <dl className="mt-4 grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-medium">Email</dt>
        <dd>{provider.email}{provider.emailVerifiedAt ? " (verified)" : " (not verified)"}</dd>
        <dt className="font-medium">NPI</dt>
        <dd>{provider.npi}</dd>
        <dt className="font-medium">Practice</dt>
        <dd>
          {provider.practice.name}
          {provider.practice.status === "PENDING" ? " (waiting to be enrolled)" : ""}
        </dd>
        <dt className="font-medium">Membership</dt>
        <dd>{membershipText(provider)}</dd>
        <dt className="font-medium">Account</dt>
        <dd>{disabled ? `Disabled${provider.disabledAt ? ` on ${formatDate(provider.disabledAt)}` : ""}` : provider.status === "ACTIVE" ? "Active" : "Email not verified yet"}</dd>
        <dt className="font-medium">Registered</dt>
        <dd>{formatDate(provider.createdAt)}</dd>
      </dl>
      <ProviderButtons providerId={provider.id} name={provider.fullName} changes={changes} />
      <section aria-labelledby="events-heading" className="mt-10">
        <h2 id="events-heading" className="text-lg font-semibold">Recent audit events</h2>
        {provider.events.length === 0 ? (
          <p className="mt-2 text-slate-700">None yet.</p>
        ) : (
          <DataTable
            label="Audit events of this provider"
            rows={provider.events.map((event) => ({ ...event, id: event.id.toString() }))}
            columns={[
              ["When", (event) => formatDateTime(event.occurredAt), { nowrap: true }],
              ["What", (event) => AUDIT_ACTION_LABELS[event.action as keyof typeof AUDIT_ACTION_LABELS] ?? event.action],
              ["Who", (event) => (event.actorType === "PROVIDER" && event.actorId === provider.id ? "This provider" : `${event.actorType.toLowerCase()} ${event.actorId ?? ""}`.trim())],
              ["Outcome", (event) => event.outcome.toLowerCase()],
            ]}
          />
        )}
      </section>
    </>
  );
}
