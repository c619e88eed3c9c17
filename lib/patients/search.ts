// Patient Selection (SPEC §4): by MRN, or by last name + date of birth (first name optional),
// names matched case- and accent-insensitively. No partial browsing. Each result carries exactly
// one access state for the searching provider, and never any clinical data.
import { z } from "zod";
import { approverLinkSql, grantEnding, grantsEndedForSql, viewableBySql } from "@/lib/access";
import { auditInsertSql, recordAudit, type AuditEventInput, type RequestMetadata } from "@/lib/audit/record";
import { isoDate } from "@/lib/dates";
import { db, runStatement, SqlValues, utcTimestampOrNull, type Statement } from "@/lib/db";
import { displaySettings } from "@/lib/env";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { ASK_AGAIN_AFTER_DENIAL_MS } from "@/lib/requests/create";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { nameKey } from "@/lib/patients/names";
import { RATE_LIMITS, rateDecision, RateLimitedError, rateLimitTakeSql, type RateLimitRow } from "@/lib/rate-limit";
import { freeText, optionalMrn, pastDate } from "@/lib/validation";

export const MAX_RESULTS = 25;

const SEARCH_BY = "Search by MRN, or by last name and date of birth.";

const searchCriteria = {
  mrn: optionalMrn(),
  lastName: freeText(100),
  firstName: freeText(100),
  dateOfBirth: pastDate({ invalid: "Enter a real date of birth.", future: "The date of birth cannot be in the future." }),
};

function mrnOrNameAndBirth(value: { mrn: string; lastName: string; dateOfBirth: string }, context: z.RefinementCtx): void {
  if (!value.mrn && !(value.lastName && value.dateOfBirth)) context.addIssue({ code: "custom", path: [], message: SEARCH_BY });
}

/** The search. Either an MRN, or a last name and a date of birth. */
export const searchInput = z.object(searchCriteria).superRefine(mrnOrNameAndBirth);

/**
 * What the search form posts: a search (intent "search", or none), or, without JavaScript, a
 * result's "Request Non-PCP access" (intent "requestAccess"), whose MRN and reason the action
 * checks with lib/requests/create.ts's rules so that the result can show the problem beside it.
 */
export const searchForm = z.preprocess(
  (value) => (typeof value === "object" && value !== null && "intent" in value && value.intent === "" ? { ...value, intent: "search" } : value),
  z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("search"), ...searchCriteria }).superRefine(mrnOrNameAndBirth),
      z.object({ intent: z.literal("requestAccess"), mrn: z.string(), reason: z.string() }),
    ],
    { error: SEARCH_BY },
  ),
);

export type SearchInput = z.infer<typeof searchInput>;

export type AccessState = "AUTHORIZED" | "PENDING" | "NO_ACCOUNT" | "DECLINED" | "ACCESS_ENDED" | "NOT_AUTHORIZED";

/** What a family without a MyChildren's account can do, with the hospital's referral line (HOSPITAL_REFERRAL_LINE). */
export function noAccountNote(referralLine: string): string {
  return `The family can ask the hospital for an activation code to open one: call the family referral line, ${referralLine}.`;
}

export interface SearchResult {
  mrn: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** The date of birth as people read it (lib/format.ts). */
  dateOfBirthText: string;
  state: AccessState;
  /** The sentence that goes with the state: when it was declined or ended, or what the family can do. */
  note?: string;
}

export interface Caller {
  providerId: string;
  now?: Date;
  /** The hospital's referral line (default: HOSPITAL_REFERRAL_LINE). */
  referralLine?: string;
  request?: RequestMetadata;
}

/**
 * Runs a validated search for `providerId`, writing its audit event. Over the rate limit (SPEC §7)
 * it searches nothing, audits the refusal and throws a RateLimitedError carrying the message.
 */
export async function searchPatients(criteria: SearchInput, caller: Caller, prisma: PrismaClient = db()): Promise<SearchResult[]> {
  const now = caller.now ?? new Date();
  const rule = RATE_LIMITS.search;
  // The search counted toward its limit (SPEC §7), the matches with their states, and the search's
  // audit event: one statement, past Prisma (decisions 017, 019). Over the limit it searches and
  // audits nothing; if the event cannot be written, the search is not counted and nothing returns.
  const rows = await runStatement<SearchRow>(
    prisma,
    searchStatement(criteria, caller.providerId, now, {
      actor: { type: "PROVIDER", id: caller.providerId },
      action: "patient.search",
      outcome: "SUCCESS",
      details: { by: criteria.mrn ? "MRN" : "NAME_AND_DOB", criteria: { ...criteria } },
      request: caller.request,
    }),
  );
  const limit = rateDecision(rule, rows[0], now);
  if (!limit.allowed) {
    await recordAudit(prisma, { actor: { type: "PROVIDER", id: caller.providerId }, action: "rate_limit.refuse", outcome: "DENIED", details: { limit: rule.kind, retryAt: limit.retryAt.toISOString() }, request: caller.request });
    throw new RateLimitedError(rule, limit.retryAt);
  }
  const patients = rows.filter((row): row is RateLimitRow & MatchRow => row.id !== null);

  return patients.map((patient): SearchResult => ({
    mrn: patient.mrn,
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: isoDate(patient.dateOfBirth),
    dateOfBirthText: formatCalendarDate(patient.dateOfBirth),
    ...accessState(patient, caller.referralLine ?? displaySettings().HOSPITAL_REFERRAL_LINE),
  }));
}

/** A match, with what decides its state for the searching provider. */
interface MatchRow {
  id: string;
  mrn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  /** The provider may view the record (the access rule). */
  viewable: boolean;
  /** The provider's own request waits for the family's answer. */
  pending: boolean;
  /** When the family declined the provider's latest request, within the last 7 days. */
  declinedAt: Date | null;
  /** Someone can approve a request: an approver link (the family rule). */
  hasApprover: boolean;
  /** The provider's own grants for this patient that ended (JSON: timestamps in UTC, without a zone). */
  endedGrants: { endsAt: string | null; revokedAt: string | null }[];
}

/** A row of the search's statement: the rate limit's answer, with a match, or with nulls when there is none. */
type SearchRow = RateLimitRow & (MatchRow | { [Column in keyof MatchRow]: null });

/** The results' order, on the row `row`: by name, then MRN. The matches and their audit event list them in it. */
const nameOrder = (row: string) => `${row}."lastName", ${row}."firstName", ${row}.mrn`;

/**
 * The search's one statement: the search counted toward `providerId`'s rate limit at `now`; then,
 * only if it counted, at most MAX_RESULTS matches of `criteria`, in name order, each with the
 * access rule and the family rule answered for the provider (lib/access.ts), the provider's own
 * pending or lately declined request, and the provider's own ended grants; and `event`, the
 * search's audit event, with the MRNs it matched. Every row carries the rate limit's answer (one
 * row with no match when there is none); the matches come back only once the event is written
 * (decision 019).
 */
function searchStatement(criteria: SearchInput, providerId: string, now: Date, event: AuditEventInput): Statement {
  const values = new SqlValues();
  const quota = rateLimitTakeSql(values, RATE_LIMITS.search, providerId, now);
  const provider = `${values.add(providerId)}::uuid`;
  const at = `${values.add(now)}::timestamp(3)`;
  const declinedSince = `${values.add(new Date(now.getTime() - ASK_AGAIN_AFTER_DENIAL_MS))}::timestamp(3)`;
  const match = criteria.mrn
    ? `pt.mrn = ${values.add(criteria.mrn)}`
    : [
        `pt."lastNameKey" = ${values.add(nameKey(criteria.lastName))}`,
        `pt."dateOfBirth" = ${values.add(criteria.dateOfBirth)}::date`,
        ...(criteria.firstName ? [`pt."firstNameKey" = ${values.add(nameKey(criteria.firstName))}`] : []),
      ].join(" AND ");
  const ownRequests = `FROM "AccessRequest" r WHERE r."patientId" = pt.id AND r."providerId" = ${provider}`;
  const read = `SELECT pt.id, pt.mrn, pt."firstName", pt."lastName", pt."dateOfBirth",
      ${viewableBySql(values, "pt", providerId, now)} AS viewable,
      EXISTS (SELECT 1 ${ownRequests} AND r.status = 'PENDING' AND r."expiresAt" > ${at}) AS pending,
      (SELECT r."decidedAt" ${ownRequests} AND r.status = 'DENIED' AND r."decidedAt" > ${declinedSince} ORDER BY r."createdAt" DESC LIMIT 1) AS "declinedAt",
      EXISTS (SELECT 1 FROM "PatientLink" l WHERE l."patientId" = pt.id AND ${approverLinkSql(values, "l", now)}) AS "hasApprover",
      (SELECT coalesce(json_agg(json_build_object('endsAt', g."endsAt", 'revokedAt', g."revokedAt")), '[]')
         FROM "AccessGrant" g WHERE g."patientId" = pt.id AND ${grantsEndedForSql(values, "g", providerId, now)}) AS "endedGrants"
    FROM "Patient" pt
    WHERE (SELECT counted FROM quota) AND ${match}
    ORDER BY ${nameOrder("pt")}
    LIMIT ${MAX_RESULTS}`;
  const order = nameOrder("m");
  const audit = auditInsertSql(values, event, {
    from: "quota WHERE quota.counted",
    details: (own) => `${own} || jsonb_build_object('matchedMrns', (SELECT coalesce(jsonb_agg(m.mrn ORDER BY ${order}), '[]') FROM matches m))`,
  });
  return values.statement(`WITH quota AS (${quota}),
    matches AS (${read}),
    audit AS (${audit} RETURNING 1)
    SELECT quota.*, m.* FROM quota LEFT JOIN (matches m CROSS JOIN audit) ON true ORDER BY ${order}`);
}

/** Exactly one state per result (SPEC §4), in this order. */
function accessState(patient: MatchRow, referralLine: string): Pick<SearchResult, "state" | "note"> {
  if (patient.viewable) return { state: "AUTHORIZED" };
  if (patient.pending) return { state: "PENDING" };
  if (!patient.hasApprover) return { state: "NO_ACCOUNT", note: noAccountNote(referralLine) };
  if (patient.declinedAt) {
    const again = new Date(patient.declinedAt.getTime() + ASK_AGAIN_AFTER_DENIAL_MS);
    return { state: "DECLINED", note: `Declined on ${formatDate(patient.declinedAt)}; you can ask again from ${formatDate(again)}.` };
  }
  const endings = patient.endedGrants.flatMap(
    ({ endsAt, revokedAt }) => grantEnding({ endsAt: utcTimestampOrNull(endsAt), revokedAt: utcTimestampOrNull(revokedAt) })?.endedAt.getTime() ?? [],
  );
  if (endings.length > 0) return { state: "ACCESS_ENDED", note: `Your access to this record ended on ${formatDate(new Date(Math.max(...endings)))}.` };
  return { state: "NOT_AUTHORIZED" };
}
