// Rate limits (SPEC §7), kept in PostgreSQL (RateLimitWindow) so they hold across every app instance:
// at most `max` uses by one subject within any `windowMs`. A use is counted or refused in one
// statement that locks the subject's row, so a burst of parallel requests cannot slip past the limit.
import { runStatement, SqlValues } from "@/lib/db";
import type { Prisma, RateLimitKind } from "@/lib/generated/prisma/client";

export interface RateLimit {
  kind: RateLimitKind;
  max: number;
  windowMs: number;
  /** What the person is told when refused. */
  message: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const TOO_MANY_REGISTRATIONS = "Too many registrations were started from here or for this email. Try again later.";

export const RATE_LIMITS = {
  /** 60 searches per provider per 10 minutes. */
  search: { kind: "SEARCH", max: 60, windowMs: 10 * MINUTE, message: "Too many searches. Try again in a few minutes." },
  /** 20 access requests per provider per 24 hours. */
  accessRequest: { kind: "ACCESS_REQUEST", max: 20, windowMs: 24 * HOUR, message: "You have sent 20 access requests in the last 24 hours. Try again tomorrow." },
  /** 5 registrations per client address per hour. */
  registrationAddress: { kind: "REGISTRATION_ADDRESS", max: 5, windowMs: HOUR, message: TOO_MANY_REGISTRATIONS },
  /** 3 registrations per email per day. */
  registrationEmail: { kind: "REGISTRATION_EMAIL", max: 3, windowMs: 24 * HOUR, message: TOO_MANY_REGISTRATIONS },
  /** 3 reset emails per account per hour. */
  resetEmail: { kind: "RESET_EMAIL", max: 3, windowMs: HOUR, message: "Too many reset emails were sent. Try again later." },
} as const satisfies Record<string, RateLimit>;

export type RateDecision = { allowed: true } | { allowed: false; retryAt: Date; message: string };

/** What counting a use says: whether it counted, and the oldest use still in the window. */
export interface RateLimitRow {
  counted: boolean;
  oldest: Date | null;
}

/**
 * Counts one use of `rule` by `subject` at `now`, or refuses it (counting nothing) when the
 * subject already used up the window, as SQL (its values added to `values`) returning one
 * RateLimitRow: one statement on the subject's RateLimitWindow row, whose row lock makes parallel
 * uses take turns, across connections and app instances. The uses that fell out of the window are
 * dropped as a new one is counted. In a transaction, or as a part of a larger statement (the
 * search's), the use counts only if it commits, and the subject's other uses wait until it ends.
 */
export function rateLimitTakeSql(values: SqlValues, rule: RateLimit, subject: string, now: Date): string {
  const at = `${values.add(now)}::timestamptz`;
  const since = `${values.add(new Date(now.getTime() - rule.windowMs))}::timestamptz`;
  const max = values.add(rule.max);
  return `INSERT INTO "RateLimitWindow" AS w (kind, subject, hits, counted)
           VALUES (${values.add(rule.kind)}::"RateLimitKind", ${values.add(subject)}, ARRAY[${at}], true)
           ON CONFLICT (kind, subject) DO UPDATE SET (hits, counted) = (
             SELECT CASE WHEN count(*) < ${max} THEN coalesce(array_agg(h ORDER BY h), '{}') || ${at} ELSE w.hits END, count(*) < ${max}
             FROM unnest(w.hits) AS h
             WHERE h > ${since}
           )
           RETURNING counted, (SELECT min(h) FROM unnest(w.hits) AS h WHERE h > ${since}) AS oldest`;
}

/** The decision a RateLimitRow of `rule` stands for: allowed, or refused until the oldest use leaves the window. */
export function rateDecision(rule: RateLimit, row: RateLimitRow | undefined, now: Date): RateDecision {
  if (row?.counted) return { allowed: true };
  return { allowed: false, retryAt: new Date((row?.oldest ?? now).getTime() + rule.windowMs), message: rule.message };
}

/** Counts one use of `rule` by `subject` at `now`, or refuses it: rateLimitTakeSql, sent on its own. */
export async function takeRateLimit(client: Prisma.TransactionClient, rule: RateLimit, subject: string, now: Date): Promise<RateDecision> {
  const values = new SqlValues();
  const [row] = await runStatement<RateLimitRow>(client, values.statement(rateLimitTakeSql(values, rule, subject, now)));
  return rateDecision(rule, row, now);
}

/** Thrown by a read (a search) refused by its rate limit, after the refusal was audited. */
export class RateLimitedError extends Error {
  constructor(readonly rule: RateLimit, readonly retryAt: Date) {
    super(rule.message);
    this.name = "RateLimitedError";
  }
}
