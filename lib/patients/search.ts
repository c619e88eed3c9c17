// Patient Selection (SPEC §4): by MRN, or by last name + date of birth (first name optional),
// names matched case- and accent-insensitively. No partial browsing. Each result carries exactly
// one access state for the searching provider, and never any clinical data.
import { z } from "zod";
import { approverLink, grantEnding, grantsEndedFor, viewableBy } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import { isoDate, parseIsoDate } from "@/lib/dates";
import { db } from "@/lib/db";
import { displaySettings } from "@/lib/env";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { ASK_AGAIN_AFTER_DENIAL_MS } from "@/lib/requests/create";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { nameKey } from "@/lib/patients/names";
import { RATE_LIMITS, RateLimitedError, takeRateLimit } from "@/lib/rate-limit";
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
  // The search is counted toward its limit in one statement; a refusal is audited, nothing searched.
  const limit = await takeRateLimit(prisma, rule, caller.providerId, now);
  if (!limit.allowed) {
    await recordAudit(prisma, { actor: { type: "PROVIDER", id: caller.providerId }, action: "rate_limit.refuse", outcome: "DENIED", details: { limit: rule.kind, retryAt: limit.retryAt.toISOString() }, request: caller.request });
  }
  if (!limit.allowed) throw new RateLimitedError(rule, limit.retryAt);
  const where = criteria.mrn
    ? { mrn: criteria.mrn }
    : {
        lastNameKey: nameKey(criteria.lastName),
        dateOfBirth: parseIsoDate(criteria.dateOfBirth) ?? undefined,
        ...(criteria.firstName ? { firstNameKey: nameKey(criteria.firstName) } : {}),
      };

  // The matches, each with what decides its state (one statement, relations joined), then which of
  // them the provider may view (the access rule, one statement). Reads need no transaction; the
  // audit event is written before any result is returned, and if it cannot be, none is.
  const patients = await prisma.patient.findMany({
    where,
    select: {
      id: true,
      mrn: true,
      firstName: true,
      lastName: true,
      dateOfBirth: true,
      // The provider's own requests only: one pending, or one declined in the last 7 days.
      accessRequests: {
        where: {
          providerId: caller.providerId,
          OR: [
            { status: "PENDING", expiresAt: { gt: now } },
            { status: "DENIED", decidedAt: { gt: new Date(now.getTime() - ASK_AGAIN_AFTER_DENIAL_MS) } },
          ],
        },
        select: { status: true, decidedAt: true },
        orderBy: { createdAt: "desc" },
      },
      links: { where: approverLink(now), select: { id: true }, take: 1 },
      // The provider's own grants for this patient that ended.
      accessGrants: { where: grantsEndedFor(caller.providerId, now), select: { endsAt: true, revokedAt: true } },
    },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { mrn: "asc" }],
    take: MAX_RESULTS,
  });
  const viewable =
    patients.length === 0
      ? []
      : await prisma.patient.findMany({ where: { AND: [{ id: { in: patients.map((patient) => patient.id) } }, viewableBy(caller.providerId, now)] }, select: { id: true } });
  const canView = new Set(viewable.map((patient) => patient.id));

  await recordAudit(prisma, {
    actor: { type: "PROVIDER", id: caller.providerId },
    action: "patient.search",
    outcome: "SUCCESS",
    details: { by: criteria.mrn ? "MRN" : "NAME_AND_DOB", criteria: { ...criteria }, matchedMrns: patients.map((patient) => patient.mrn) },
    request: caller.request,
  });

  return patients.map((patient): SearchResult => ({
    mrn: patient.mrn,
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: isoDate(patient.dateOfBirth),
    dateOfBirthText: formatCalendarDate(patient.dateOfBirth),
    ...accessState(patient, canView.has(patient.id), caller.referralLine ?? displaySettings().HOSPITAL_REFERRAL_LINE),
  }));
}

/** Exactly one state per result (SPEC §4), in this order. */
function accessState(
  patient: { accessRequests: { status: string; decidedAt: Date | null }[]; links: unknown[]; accessGrants: { endsAt: Date | null; revokedAt: Date | null }[] },
  canView: boolean,
  referralLine: string,
): Pick<SearchResult, "state" | "note"> {
  if (canView) return { state: "AUTHORIZED" };
  if (patient.accessRequests.some((request) => request.status === "PENDING")) return { state: "PENDING" };
  if (patient.links.length === 0) return { state: "NO_ACCOUNT", note: noAccountNote(referralLine) };
  const declinedAt = patient.accessRequests.find((request) => request.status === "DENIED")?.decidedAt;
  if (declinedAt) {
    const again = new Date(declinedAt.getTime() + ASK_AGAIN_AFTER_DENIAL_MS);
    return { state: "DECLINED", note: `Declined on ${formatDate(declinedAt)}; you can ask again from ${formatDate(again)}.` };
  }
  const endings = patient.accessGrants.flatMap((grant) => grantEnding(grant)?.endedAt.getTime() ?? []);
  if (endings.length > 0) return { state: "ACCESS_ENDED", note: `Your access to this record ended on ${formatDate(new Date(Math.max(...endings)))}.` };
  return { state: "NOT_AUTHORIZED" };
}
