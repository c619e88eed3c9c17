// Sign-in lockout (SPEC §7): 10 failed sign-ins for one account within 15 minutes lock that
// account's sign-in for 15 minutes. A rule of the shared throttle (lib/throttle.ts), whose
// attempts are rows in PostgreSQL, so the lock holds across every app instance.
import type { Prisma } from "@/lib/generated/prisma/client";
import * as throttle from "@/lib/throttle";

export const MAX_FAILED_SIGN_INS = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

export const SIGN_IN_RULE: throttle.ThrottleRule = { kind: "SIGN_IN", maxFailures: MAX_FAILED_SIGN_INS, windowMs: FAILURE_WINDOW_MS, lockMs: LOCK_DURATION_MS };

/** Whose sign-in attempts these are: one account of one portal. */
export function signInSubject(portal: string, email: string): string {
  return `${portal}:${email}`;
}

/**
 * Reserves one sign-in attempt before the password is checked: refused (with the lock's end)
 * when the subject is locked, otherwise recorded as a failure until `clearFailures` forgets it.
 */
export function reserveAttempt(tx: Prisma.TransactionClient, subject: string, now: Date) {
  return throttle.reserveAttempt(tx, SIGN_IN_RULE, subject, now);
}

/** The lock the subject's failures impose at `now` (after a failure was recorded), if any. */
export function currentLock(tx: Prisma.TransactionClient, subject: string, now: Date) {
  return throttle.currentLock(tx, SIGN_IN_RULE, subject, now);
}

/** A successful sign-in forgets the subject's failures. */
export function clearFailures(tx: Prisma.TransactionClient, subject: string) {
  return throttle.clearFailures(tx, SIGN_IN_RULE, subject);
}
