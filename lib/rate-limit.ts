// Rate limits (SPEC §7), kept in PostgreSQL (RateLimitHit) so they hold across every app instance:
// at most `max` uses by one subject within any `windowMs`. A use is counted and recorded in the
// caller's transaction under a per-subject advisory lock, so a burst of parallel requests cannot
// slip past the limit.
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
 * Counts one use of `rule` by `subject` at `now`, or refuses it (recording nothing) when the
 * subject already used up the window. Serializes the subject's uses until `tx` ends.
 */
export async function takeRateLimit(tx: Prisma.TransactionClient, rule: RateLimit, subject: string, now: Date): Promise<RateDecision> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rate:${rule.kind}:${subject}`}, 0))`;
  const since = new Date(now.getTime() - rule.windowMs);
  const recent = await tx.rateLimitHit.findMany({
    where: { kind: rule.kind, subject, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
    take: rule.max,
  });
  if (recent.length >= rule.max) {
    return { allowed: false, retryAt: new Date(recent[0]!.createdAt.getTime() + rule.windowMs), message: rule.message };
  }
  await tx.rateLimitHit.create({ data: { kind: rule.kind, subject, createdAt: now } });
  await tx.rateLimitHit.deleteMany({ where: { kind: rule.kind, subject, createdAt: { lte: since } } });
  return { allowed: true };
}

/** Thrown by a read (a search) refused by its rate limit, after the refusal was audited. */
export class RateLimitedError extends Error {
  constructor(readonly rule: RateLimit, readonly retryAt: Date) {
    super(rule.message);
    this.name = "RateLimitedError";
  }
}
