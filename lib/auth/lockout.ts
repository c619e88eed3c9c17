// Sign-in lockout (SPEC §7): 10 failed sign-ins for one account within 15 minutes lock that
// account's sign-in for 15 minutes. Attempts are rows in PostgreSQL (FailedAttempt), so the
// lock holds across every app instance.
import { AttemptKind, type Prisma } from "@/lib/generated/prisma/client";

export const MAX_FAILED_SIGN_INS = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

/** Attempts older than this can no longer start or extend a lock. */
const RELEVANT_HISTORY_MS = FAILURE_WINDOW_MS + LOCK_DURATION_MS;

/**
 * When the lock implied by these failures ends, or null when sign-in is open at `now`.
 * A lock starts at the failure that completes 10 within 15 minutes and lasts 15 minutes.
 * Attempts made while locked are refused without being recorded, so they never extend it.
 */
export function lockedUntil(failures: readonly Date[], now: Date): Date | null {
  const times = failures.map((failure) => failure.getTime()).sort((a, b) => a - b);
  let until = 0;
  for (let last = MAX_FAILED_SIGN_INS - 1; last < times.length; last++) {
    const first = times[last - (MAX_FAILED_SIGN_INS - 1)]!;
    const end = times[last]!;
    if (end - first < FAILURE_WINDOW_MS) until = Math.max(until, end + LOCK_DURATION_MS);
  }
  return until > now.getTime() ? new Date(until) : null;
}

/** Whose sign-in attempts these are: one account of one portal. */
export function signInSubject(portal: string, email: string): string {
  return `${portal}:${email}`;
}

/** The subject's recent failures. Serializes callers for the subject until `tx` ends. */
async function lockedFailures(tx: Prisma.TransactionClient, subject: string, now: Date): Promise<Date[]> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${subject}, 0))`;
  const rows = await tx.failedAttempt.findMany({
    where: { kind: AttemptKind.SIGN_IN, subject, createdAt: { gt: new Date(now.getTime() - RELEVANT_HISTORY_MS) } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => row.createdAt);
}

/**
 * Reserves one sign-in attempt before the password is checked: refused (with the lock's end)
 * when the subject is locked, otherwise recorded as a failure until `clearFailures` forgets it.
 * Recording first means a burst of parallel guesses cannot slip past the limit.
 */
export async function reserveAttempt(tx: Prisma.TransactionClient, subject: string, now: Date): Promise<{ locked: Date } | { locked: null }> {
  const failures = await lockedFailures(tx, subject, now);
  const locked = lockedUntil(failures, now);
  if (locked) return { locked };
  await tx.failedAttempt.create({ data: { kind: AttemptKind.SIGN_IN, subject, createdAt: now } });
  // Old rows of this subject no longer matter.
  await tx.failedAttempt.deleteMany({ where: { kind: AttemptKind.SIGN_IN, subject, createdAt: { lte: new Date(now.getTime() - RELEVANT_HISTORY_MS) } } });
  return { locked: null };
}

/** The lock the subject's failures impose at `now` (after a failure was recorded), if any. */
export async function currentLock(tx: Prisma.TransactionClient, subject: string, now: Date): Promise<Date | null> {
  return lockedUntil(await lockedFailures(tx, subject, now), now);
}

/** A successful sign-in forgets the subject's failures. */
export async function clearFailures(tx: Prisma.TransactionClient, subject: string): Promise<void> {
  await tx.failedAttempt.deleteMany({ where: { kind: AttemptKind.SIGN_IN, subject } });
}
