// Rate limits (SPEC §7), kept in PostgreSQL (RateLimitWindow) so they hold across every app instance:
// at most `max` uses by one subject within any `windowMs`. A use is counted or refused in one
// statement that locks the subject's row, so a burst of parallel requests cannot slip past the limit.
import { runStatement } from "@/lib/db";
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

/**
 * Counts one use of `rule` by `subject` at `now`, or refuses it (counting nothing) when the
 * subject already used up the window: one statement on the subject's RateLimitWindow row, whose
 * row lock makes parallel uses take turns, across connections and app instances. The uses that
 * fell out of the window are dropped as a new one is counted. In a transaction, the use counts
 * only if it commits, and the subject's other uses wait until it ends.
 */
export async function takeRateLimit(client: Prisma.TransactionClient, rule: RateLimit, subject: string, now: Date): Promise<RateDecision> {
  const since = new Date(now.getTime() - rule.windowMs);
  const [row] = await runStatement<{ counted: boolean; oldest: Date | null }>(client, {
    name: "rate-limit-take",
    text: `INSERT INTO "RateLimitWindow" AS w (kind, subject, hits, counted)
           VALUES ($1::"RateLimitKind", $2, ARRAY[$3::timestamptz], true)
           ON CONFLICT (kind, subject) DO UPDATE SET (hits, counted) = (
             SELECT CASE WHEN count(*) < $4 THEN coalesce(array_agg(h ORDER BY h), '{}') || $3::timestamptz ELSE w.hits END, count(*) < $4
             FROM unnest(w.hits) AS h
             WHERE h > $5::timestamptz
           )
           RETURNING counted, (SELECT min(h) FROM unnest(w.hits) AS h WHERE h > $5::timestamptz) AS oldest`,
    values: [rule.kind, subject, now, rule.max, since],
  });
  if (row?.counted) return { allowed: true };
  return { allowed: false, retryAt: new Date((row?.oldest ?? now).getTime() + rule.windowMs), message: rule.message };
}

/** Thrown by a read (a search) refused by its rate limit, after the refusal was audited. */
export class RateLimitedError extends Error {
  constructor(readonly rule: RateLimit, readonly retryAt: Date) {
    super(rule.message);
    this.name = "RateLimitedError";
  }
}
