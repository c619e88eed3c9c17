import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { AUDIT_ACTION_LABELS, auditFilterSchema, auditPage, EMPTY_FILTERS, parseCursor, type AuditFilterField } from "@/lib/audit/search";
import { formatDateTime } from "@/lib/format";
import { openStaffPage, param } from "../staff-page";

export const metadata: Metadata = { title: "Audit log" };

const FIELDS: { name: AuditFilterField; label: string; type: string }[] = [
  { name: "mrn", label: "MRN", type: "search" },
  { name: "provider", label: "Provider", type: "search" },
  { name: "family", label: "Family account", type: "search" },
];

/** SPEC §5b: the audit trail, filtered, newest first, paged; "Download CSV" exports what the filters match. */
export default async function AuditLog({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const typed = Object.fromEntries(Object.keys(EMPTY_FILTERS).map((key) => [key, param(query[key])])) as Record<AuditFilterField, string>;
  const parsed = auditFilterSchema.safeParse(typed);
  const filters = parsed.success ? parsed.data : EMPTY_FILTERS;
  const before = parseCursor(param(query.before));
  const asked = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ""));
  await openStaffPage("audit", { filters: asked, ...(before !== null ? { before: before.toString() } : {}) });
  const problems = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  const page = parsed.success ? await auditPage(filters, before) : { events: [], next: null };
  const filterQuery = new URLSearchParams(asked).toString();
  const withQuery = (path: string, extra: Record<string, string> = {}) => {
    const search = new URLSearchParams({ ...asked, ...extra }).toString();
    return search ? `${path}?${search}` : path;
  };
  const fieldClass = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2";
  const error = (name: string) =>
    problems[name] ? (
      <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-700">
        {problems[name]}
      </p>
    ) : null;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <form method="get" action="/staff/audit" className="mt-6 grid gap-4 sm:grid-cols-3" aria-label="Filters">
        {FIELDS.map((field) => (
          <div key={field.name}>
            <label htmlFor={field.name} className="block text-sm font-medium text-slate-900">{field.label}</label>
            <input id={field.name} name={field.name} type={field.type} defaultValue={typed[field.name]} maxLength={254} aria-invalid={problems[field.name] ? true : undefined} aria-describedby={problems[field.name] ? `${field.name}-error` : undefined} className={fieldClass} />
            {error(field.name)}
          </div>
        ))}
        <div>
          <label htmlFor="action" className="block text-sm font-medium text-slate-900">Action</label>
          <select id="action" name="action" defaultValue={typed.action} aria-invalid={problems.action ? true : undefined} aria-describedby={problems.action ? "action-error" : undefined} className={fieldClass}>
            <option value="">Any action</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
          {error("action")}
        </div>
        {(["from", "to"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={name} className="block text-sm font-medium text-slate-900">{name === "from" ? "From" : "To"}</label>
            <input id={name} name={name} type="date" defaultValue={typed[name]} aria-invalid={problems[name] ? true : undefined} aria-describedby={problems[name] ? `${name}-error` : undefined} className={fieldClass} />
            {error(name)}
          </div>
        ))}
        <div className="flex items-end gap-3 sm:col-span-3">
          <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 font-semibold text-white hover:bg-slate-900">Show events</button>
          {parsed.success ? (
            <a href={filterQuery ? `/staff/audit/export?${filterQuery}` : "/staff/audit/export"} download className="rounded-md border border-slate-700 px-4 py-2 font-semibold text-slate-800 hover:bg-slate-100">
              Download CSV
            </a>
          ) : null}
        </div>
      </form>
      {parsed.success ? null : <p role="alert" className="mt-4 font-medium text-red-700">Check the highlighted filters.</p>}
      <section aria-labelledby="events-heading" className="mt-8">
        <h2 id="events-heading" className="text-lg font-semibold">Events, newest first</h2>
        {page.events.length === 0 ? (
          <p className="mt-2 text-slate-700">No event matches.</p>
        ) : (
          <DataTable
            label="Audit events"
            rows={page.events.map((event) => ({ ...event, id: event.id.toString() }))}
            columns={[
              ["When", (event) => formatDateTime(event.occurredAt), { nowrap: true }],
              ["Action", (event) => AUDIT_ACTION_LABELS[event.action as keyof typeof AUDIT_ACTION_LABELS] ?? event.action],
              ["Who", (event) => `${event.actorType.toLowerCase()} ${event.actorId ?? ""}`.trim()],
              ["MRN", (event) => event.patient?.mrn ?? ""],
              ["Outcome", (event) => event.outcome.toLowerCase()],
              ["Details", (event) => <code className="break-all text-xs">{event.details ? JSON.stringify(event.details) : ""}</code>],
            ]}
          />
        )}
        <nav aria-label="Pages" className="mt-4 flex gap-4">
          {before !== null ? <Link href={withQuery("/staff/audit")} className="font-medium text-slate-900 underline underline-offset-4">Newest events</Link> : null}
          {page.next ? <Link href={withQuery("/staff/audit", { before: page.next })} className="font-medium text-slate-900 underline underline-offset-4">Older events</Link> : null}
        </nav>
      </section>
    </>
  );
}
