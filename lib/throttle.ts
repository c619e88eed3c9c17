// Lockouts after repeated failures, kept in PostgreSQL (FailedAttempt) so they hold across every
// app instance: `maxFailures` failures of one subject within `windowMs` lock it for `lockMs`.
import type { AttemptKind, Prisma } from "@/lib/generated/prisma/client";

export interface ThrottleRule {
  kind: AttemptKind;
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * When the lock implied by these failures ends, or null when the subject is free at `now`.
 * A lock starts at the failure that completes `maxFailures` within `windowMs` and lasts `lockMs`.
 * Attempts made while locked are refused without being recorded, so they never extend it.
 */
export function lockedUntil(rule: ThrottleRule, failures: readonly Date[], now: Date): Date | null {
  const times = failures.map((failure) => failure.getTime()).sort((a, b) => a - b);
  let until = 0;
  for (let last = rule.maxFailures - 1; last < times.length; last++) {
    const first = times[last - (rule.maxFailures - 1)]!;
    const end = times[last]!;
    if (end - first < rule.windowMs) until = Math.max(until, end + rule.lockMs);
  }
  return until > now.getTime() ? new Date(until) : null;
}

/** Attempts older than this can no longer start or extend a lock. */
const history = (rule: ThrottleRule) => rule.windowMs + rule.lockMs;

/** The subject's recent failures. Serializes callers for the subject until `tx` ends. */
async function recentFailures(tx: Prisma.TransactionClient, rule: ThrottleRule, subject: string, now: Date): Promise<Date[]> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${rule.kind}:${subject}`}, 0))`;
  const rows = await tx.failedAttempt.findMany({
    where: { kind: rule.kind, subject, createdAt: { gt: new Date(now.getTime() - history(rule)) } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => row.createdAt);
}

/** The lock in force for `subject` at `now`, if any (serializes the subject's attempts until `tx` ends). */
export async function currentLock(tx: Prisma.TransactionClient, rule: ThrottleRule, subject: string, now: Date): Promise<Date | null> {
  return lockedUntil(rule, await recentFailures(tx, rule, subject, now), now);
}

/**
 * Reserves one attempt before it is checked: refused (with the lock's end) when the subject is
 * locked, otherwise recorded as a failure until `clearFailures` forgets it. Recording first means a
 * burst of parallel guesses cannot slip past the limit.
 */
export async function reserveAttempt(tx: Prisma.TransactionClient, rule: ThrottleRule, subject: string, now: Date): Promise<{ locked: Date } | { locked: null }> {
  const locked = await currentLock(tx, rule, subject, now);
  if (locked) return { locked };
  await tx.failedAttempt.create({ data: { kind: rule.kind, subject, createdAt: now } });
  await tx.failedAttempt.deleteMany({ where: { kind: rule.kind, subject, createdAt: { lte: new Date(now.getTime() - history(rule)) } } });
  return { locked: null };
}

/** A success forgets the subject's failures. */
export async function clearFailures(tx: Prisma.TransactionClient, rule: ThrottleRule, subject: string): Promise<void> {
  await tx.failedAttempt.deleteMany({ where: { kind: rule.kind, subject } });
}
