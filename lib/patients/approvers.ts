// Approvers of a patient (SPEC §2): accounts with an active link — GUARDIAN while the patient is
// under 18, SELF from age 13. A patient with no approver "has no MyChildren's account".
import type { Prisma } from "@/lib/generated/prisma/client";

export const GUARDIAN_UNTIL_AGE = 18;
export const SELF_FROM_AGE = 13;

/** The latest date of birth of someone who is at least `age` years old on `now`'s UTC calendar day. */
export function bornYearsBefore(now: Date, age: number): Date {
  const year = now.getUTCFullYear() - age;
  const month = now.getUTCMonth();
  const day = new Date(Date.UTC(year, month, now.getUTCDate()));
  // On 29 February, `age` years back may have no 29 February: then it is the 28th.
  return day.getUTCMonth() === month ? day : new Date(Date.UTC(year, month + 1, 0));
}

/** Links that make their account an approver of their patient at `now`. */
export function approverLinkWhere(now: Date): Prisma.PatientLinkWhereInput {
  return {
    endedAt: null,
    account: { status: "ACTIVE" },
    OR: [
      { relationship: "GUARDIAN", patient: { dateOfBirth: { gt: bornYearsBefore(now, GUARDIAN_UNTIL_AGE) } } },
      { relationship: "SELF", patient: { dateOfBirth: { lte: bornYearsBefore(now, SELF_FROM_AGE) } } },
    ],
  };
}

/** Whether a link of `relationship` to a patient born on `dateOfBirth` makes an approver at `now`. */
export function isApproverLink(relationship: "GUARDIAN" | "SELF", dateOfBirth: Date, now: Date): boolean {
  return relationship === "GUARDIAN"
    ? dateOfBirth > bornYearsBefore(now, GUARDIAN_UNTIL_AGE)
    : dateOfBirth <= bornYearsBefore(now, SELF_FROM_AGE);
}
