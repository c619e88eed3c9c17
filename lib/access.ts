// THE access rule (SPEC §3), written once. Provider P may view patient X's record iff P is
// active and either X's PCP belongs to P's practice, or P holds a grant for X that has started,
// has not ended and is not revoked. Every read of patient data puts this condition in its query.
import type { Prisma } from "@/lib/generated/prisma/client";

/** Grants of `providerId` in force at `now`. */
export function activeGrantWhere(providerId: string, now: Date): Prisma.AccessGrantWhereInput {
  return {
    providerId,
    revokedAt: null,
    startsAt: { lte: now },
    OR: [{ endsAt: null }, { endsAt: { gt: now } }],
  };
}

/**
 * The patients provider `providerId` may view at `now`, as a condition on Patient. The
 * provider's own status is part of the condition, so a disabled or unverified provider
 * matches nothing, whoever calls it.
 */
export function viewableBy(providerId: string, now: Date): Prisma.PatientWhereInput {
  const active = { id: providerId, status: "ACTIVE" } as const;
  return {
    OR: [
      { pcp: { practice: { providers: { some: active } } } },
      { accessGrants: { some: { ...activeGrantWhere(providerId, now), provider: { status: "ACTIVE" } } } },
    ],
  };
}
