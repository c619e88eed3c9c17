// Reading the audit trail (SPEC §5b "Audit log"; HIPAA §164.312(b)): filters by MRN, provider,
// family account, action and dates; newest first, paged by keyset (the id of the last row shown),
// so a page costs the same on the millionth row as on the first; and a CSV export read in batches
// and streamed, never holding more than one batch, with a bound on its length.
import { z } from "zod";
import type { AuditAction } from "@/lib/audit/record";
import { parseIsoDate } from "@/lib/dates";
import { startOfDayIn } from "@/lib/format";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { freeText, optionalMrn, pastDate } from "@/lib/validation";

/** How each action reads in the filter's list; every action is here (the type checks it). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.sign_in": "Sign-in",
  "auth.sign_out": "Sign-out",
  "auth.lockout": "Sign-in locked",
  "auth.register": "Provider registration",
  "auth.verify_email": "Email verified",
  "patient.search": "Patient search",
  "record.view": "Record viewed",
  "request.create": "Access requested",
  "request.approve": "Request approved",
  "request.deny": "Request denied",
  "request.expire": "Request expired",
  "request.cancel": "Request cancelled",
  "grant.create": "Access granted",
  "grant.revoke": "Access revoked",
  "grant.expire": "Access ended",
  "token.issue": "Invitation issued",
  "token.withdraw": "Invitation withdrawn",
  "token.validate": "Token validation",
  "activation.issue": "Activation code issued",
  "account.register": "MyChildren's account created",
  "account.language": "MyChildren's language changed",
  "membership.approve": "Membership approved",
  "membership.decline": "Membership declined",
  "membership.remove": "Removed from practice",
  "membership.make_site_admin": "Made site administrator",
  "membership.remove_site_admin": "Site administrator role removed",
  "practice.create": "Practice named",
  "practice.enroll": "Practice enrolled",
  "practice.confirm_members": "Member list confirmed",
  "provider.disable": "Provider disabled",
  "provider.enable": "Provider enabled",
  "staff.add": "Staff member added",
  "staff.sign_in_refused": "Staff sign-in refused",
  "staff.view": "Staff console page viewed",
  "staff.audit_export": "Audit log exported",
  "family.disable": "MyChildren's account disabled",
  "family.end_link": "Link to a patient ended",
  "rate_limit.refuse": "Refused by a rate limit",
  "auth.password_reset_request": "Password reset requested",
  "auth.password_reset": "Password reset",
  "auth.password_change": "Password changed",
  "account.add_child": "Child added to an account",
  "auth.registration_cancel": "Registration cancelled (This wasn't me)",
  "auth.two_step_enable": "Two-step sign-in turned on",
  "auth.two_step_disable": "Two-step sign-in turned off",
  "auth.two_step": "Two-step sign-in step",
  "auth.recovery_code_use": "Recovery code used",
};

const ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

/** The filters as typed in the form (or the page's query string); every one may be left empty. */
export const auditFilterSchema = z
  .object({
    mrn: optionalMrn(),
    provider: freeText(254),
    family: freeText(254),
    action: z.union([z.literal(""), z.enum(ACTIONS, "Choose an action from the list.")]),
    from: pastDate(),
    to: pastDate(),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, { path: ["to"], message: "The end date cannot be before the start date." });

export type AuditFilters = z.infer<typeof auditFilterSchema>;
export type AuditFilterField = keyof AuditFilters;

export const EMPTY_FILTERS: AuditFilters = { mrn: "", provider: "", family: "", action: "", from: "", to: "" };

/** The Prisma condition for `filters`, or null when a filter names no one (then nothing matches). */
async function whereOf(filters: AuditFilters, prisma: PrismaClient): Promise<Prisma.AuditEventWhereInput | null> {
  const conditions: Prisma.AuditEventWhereInput[] = [];
  if (filters.mrn) {
    const patient = await prisma.patient.findUnique({ where: { mrn: filters.mrn }, select: { id: true } });
    if (!patient) return null;
    conditions.push({ patientId: patient.id });
  }
  if (filters.provider) {
    const text = filters.provider.trim();
    const provider = await prisma.provider.findFirst({ where: /^\d{10}$/.test(text) ? { npi: text } : { email: text.toLowerCase() }, select: { id: true } });
    if (!provider) return null;
    conditions.push({ OR: [{ actorType: "PROVIDER", actorId: provider.id }, { details: { path: ["providerId"], equals: provider.id } }] });
  }
  if (filters.family) {
    const account = await prisma.familyAccount.findUnique({ where: { email: filters.family.trim().toLowerCase() }, select: { id: true } });
    if (!account) return null;
    conditions.push({ OR: [{ actorType: "FAMILY", actorId: account.id }, { details: { path: ["accountId"], equals: account.id } }] });
  }
  if (filters.action) conditions.push({ action: filters.action });
  const from = filters.from ? parseIsoDate(filters.from) : null;
  const to = filters.to ? parseIsoDate(filters.to) : null;
  // The dates are days in the zone every date is shown in.
  const zone = from || to ? env().APP_TIME_ZONE : "UTC";
  if (from) conditions.push({ occurredAt: { gte: startOfDayIn(from, zone) } });
  if (to) conditions.push({ occurredAt: { lt: startOfDayIn(new Date(to.getTime() + 86_400_000), zone) } });
  return { AND: conditions };
}

const eventFields = { id: true, occurredAt: true, actorType: true, actorId: true, action: true, outcome: true, ip: true, userAgent: true, details: true, patient: { select: { mrn: true } } } as const;

export const AUDIT_PAGE_SIZE = 50;

/** A keyset cursor: the id of the last event of the previous page ("" for the first page). */
export function parseCursor(value: unknown): bigint | null {
  return typeof value === "string" && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
}

/** One page of events matching `filters`, newest first, older than `before`; `next` is the cursor of the following page. */
export async function auditPage(filters: AuditFilters, before: bigint | null, prisma: PrismaClient = db()) {
  const where = await whereOf(filters, prisma);
  if (!where) return { events: [], next: null };
  const rows = await prisma.auditEvent.findMany({
    where: { AND: [where, before !== null ? { id: { lt: before } } : {}] },
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: eventFields,
  });
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  return { events, next: rows.length > AUDIT_PAGE_SIZE ? events[events.length - 1]!.id.toString() : null };
}

/** The most rows one export holds; narrow the filters for more. */
export const MAX_EXPORT_ROWS = 100_000;
/** Rows read from the database at a time while exporting. */
export const EXPORT_BATCH = 500;

const CSV_HEADER = ["id", "occurred_at", "actor_type", "actor", "action", "outcome", "mrn", "ip", "user_agent", "details"];

/** One CSV cell: quoted, with quotes doubled; a leading = + - @ is defused so no spreadsheet runs it. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The events matching `filters` as CSV lines, newest first, read EXPORT_BATCH at a time by keyset;
 * at most `limit` rows, then one line saying the export was cut short.
 */
export async function* auditCsv(filters: AuditFilters, options: { limit?: number; batch?: number } = {}, prisma: PrismaClient = db()): AsyncGenerator<string> {
  const limit = options.limit ?? MAX_EXPORT_ROWS;
  const batch = options.batch ?? EXPORT_BATCH;
  yield `${CSV_HEADER.join(",")}\r\n`;
  const where = await whereOf(filters, prisma);
  if (!where) return;
  let before: bigint | null = null;
  let written = 0;
  while (written < limit) {
    // One row past the limit, to know whether the export is cut short.
    const take = Math.min(batch, limit - written + 1);
    const rows: Prisma.AuditEventGetPayload<{ select: typeof eventFields }>[] = await prisma.auditEvent.findMany({
      where: { AND: [where, before !== null ? { id: { lt: before } } : {}] },
      orderBy: { id: "desc" },
      take,
      select: eventFields,
    });
    for (const row of rows) {
      if (written === limit) {
        yield `${csvCell(`The export stops at ${limit} rows; narrow the filters (for example the dates) to see the rest.`)}\r\n`;
        return;
      }
      yield `${[row.id.toString(), row.occurredAt.toISOString(), row.actorType, row.actorId, row.action, row.outcome, row.patient?.mrn ?? null, row.ip, row.userAgent, row.details].map(csvCell).join(",")}\r\n`;
      written += 1;
    }
    if (rows.length < take) return;
    before = rows[rows.length - 1]!.id;
  }
}
