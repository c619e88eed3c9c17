// The audit trail (SPEC §7): append-only events. A change writes its event in its own transaction,
// so the change and its event commit together or not at all; a read writes its event before it
// returns anything, so no data is shown whose view was not recorded.
import { runStatement, SqlValues } from "@/lib/db";
import type { ActorType, AuditOutcome, Prisma } from "@/lib/generated/prisma/client";

/** Every kind of audited action. */
export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_out"
  | "auth.lockout"
  | "auth.register"
  | "auth.verify_email"
  | "patient.search"
  | "record.view"
  | "request.create"
  | "request.approve"
  | "request.deny"
  | "request.expire"
  | "grant.create"
  | "grant.revoke"
  | "grant.expire"
  | "token.issue"
  | "token.withdraw"
  | "token.validate"
  | "activation.issue"
  | "account.register"
  | "account.language"
  | "membership.approve"
  | "membership.decline"
  | "membership.remove"
  | "membership.make_site_admin"
  | "membership.remove_site_admin"
  | "practice.create"
  | "practice.enroll"
  | "practice.confirm_members"
  | "provider.disable"
  | "provider.enable"
  | "staff.add"
  | "request.cancel"
  | "staff.sign_in_refused"
  | "staff.view"
  | "staff.audit_export"
  | "family.disable"
  | "family.end_link"
  | "rate_limit.refuse"
  | "auth.password_reset_request"
  | "auth.password_reset"
  | "auth.password_change"
  | "account.add_child"
  | "auth.registration_cancel"
  | "auth.two_step_enable"
  | "auth.two_step_disable"
  | "auth.two_step"
  | "auth.recovery_code_use";

export interface AuditActor {
  type: ActorType;
  id?: string | null;
}

/** Where a request came from, for the audit trail. */
export interface RequestMetadata {
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEventInput {
  actor: AuditActor;
  action: AuditAction;
  outcome: AuditOutcome;
  patientId?: string | null;
  details?: Prisma.InputJsonObject;
  request?: RequestMetadata;
}

/** `value` with control characters (which PostgreSQL's text refuses) shown as U+FFFD. */
function printable<T>(value: T): T {
  if (typeof value === "string") return value.replace(/[\u0000-\u001F\u007F]/g, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printable(item)])) as T;
  return value;
}

/**
 * Records one audit event with `tx`. A change calls it inside its own transaction; a read calls it
 * before returning what it read, so nothing is shown that was not audited. One INSERT, written
 * out: every audited read pays for it (decisions 014 and 015). The time is the app's clock in
 * UTC, as for every other column Prisma writes.
 */
export async function recordAudit(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<void> {
  const values = new SqlValues();
  await runStatement(tx, values.statement(auditInsertSql(values, event)));
}

/** What an audit event takes from the read it records, as SQL on the one row of `from`. */
export interface AuditFromRead {
  from: string;
  outcome?: string;
  patientId?: string;
  /** The details as SQL, given the event's own as SQL (jsonb, or null when it has none). */
  details?: (own: string) => string;
}

/**
 * The INSERT of `event` as SQL, its values added to `values`. With `read`, the event is selected
 * from the one row of `read.from`, taking from it what `read` says: a hot-path read writes its
 * event in its own statement (a data-modifying WITH), so the read and its event are one round trip
 * and the rows come back only once the event is written (decision 019).
 */
export function auditInsertSql(values: SqlValues, event: AuditEventInput, read?: AuditFromRead): string {
  const details = `${values.add(event.details === undefined ? null : JSON.stringify(printable(event.details)))}::jsonb`;
  const ip = event.request?.ip ? printable(event.request.ip.slice(0, 100)) : null;
  const userAgent = event.request?.userAgent ? printable(event.request.userAgent.slice(0, 500)) : null;
  const columns = [
    `${values.add(new Date())}::timestamp(3)`,
    `${values.add(event.actor.type)}::"ActorType"`,
    values.add(event.actor.id ?? null),
    values.add(event.action),
    read?.outcome ?? `${values.add(event.outcome)}::"AuditOutcome"`,
    read?.patientId ?? `${values.add(event.patientId ?? null)}::uuid`,
    read?.details ? read.details(details) : details,
    values.add(ip),
    values.add(userAgent),
  ].join(", ");
  return `INSERT INTO "AuditEvent" ("occurredAt", "actorType", "actorId", action, outcome, "patientId", details, ip, "userAgent")
           ${read ? `SELECT ${columns} FROM ${read.from}` : `VALUES (${columns})`}`;
}
