// THE access rules, each written once as a Prisma condition that every query composes, and the
// few the two hot paths need once more in SQL, at the end of this file (decision 017); no query
// anywhere else writes its own (tests/conventions/access-conditions.test.ts holds them to it,
// tests/integration/access.test.ts and access-sql.test.ts to SPEC §2 and §3).
//
// Providers (SPEC §3): provider P may view patient X's record iff P is active and either P holds
// an approved, not ended membership of X's primary care practice (the practice of X's PCP), or P
// holds a grant for X that has started, has not ended and is not revoked.
// Practices (SPEC §2, §4): a membership is vouched for by a site administrator of the practice (or
// hospital staff), never by the provider; site administrators manage their own practice only.
// Families (SPEC §2): the approvers of a patient are the accounts with an active link to them:
// GUARDIAN links while the patient is under 18, SELF links from age 13. An account sees the
// patients it approves for, and nothing else.
import type { Prisma } from "@/lib/generated/prisma/client";
import { bornYearsBefore } from "@/lib/dates";
import type { SqlValues } from "@/lib/db";

export const GUARDIAN_UNTIL_AGE = 18;
export const SELF_FROM_AGE = 13;

// ---------------------------------------------------------------- grants

/** Grants in force at `now`: started, not ended, not revoked. */
export function grantInForce(now: Date): Prisma.AccessGrantWhereInput {
  return { revokedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] };
}

/** Where a grant stands at `now`: the in-memory twin of `grantInForce`, for rows already read. */
export function grantStatus(grant: { startsAt: Date; endsAt: Date | null; revokedAt: Date | null }, now: Date): "IN_FORCE" | "NOT_STARTED" | "ENDED" | "REVOKED" {
  if (grant.revokedAt) return "REVOKED";
  if (grant.endsAt && grant.endsAt.getTime() <= now.getTime()) return "ENDED";
  if (grant.startsAt.getTime() > now.getTime()) return "NOT_STARTED";
  return "IN_FORCE";
}

/** The grants `providerId` holds at `now`. */
export function grantsHeldBy(providerId: string, now: Date): Prisma.AccessGrantWhereInput {
  return { providerId, ...grantInForce(now) };
}

/**
 * The grants `providerId` held that ended by `now` (revoked, or reached their end date), and, with
 * `since`, ended no earlier than that. The one condition for "access ended" (Records shared with me,
 * the ended-access page, search results).
 */
export function grantsEndedFor(providerId: string, now: Date, since?: Date): Prisma.AccessGrantWhereInput {
  const window = { lte: now, ...(since ? { gte: since } : {}) };
  return { providerId, OR: [{ revokedAt: window }, { revokedAt: null, endsAt: window }] };
}

/** Grants not revoked whose end date falls after `from` and by `until` (the "ends soon" notice). */
export function grantsEndingBetween(from: Date, until: Date): Prisma.AccessGrantWhereInput {
  return { revokedAt: null, endsAt: { gt: from, lte: until } };
}

/** Grants not revoked that reached their end date by `now` (recorded in the patient's activity). */
export function grantsReachedEnd(now: Date): Prisma.AccessGrantWhereInput {
  return { revokedAt: null, endsAt: { lte: now } };
}

/** When a grant that is no longer in force ended, and why. */
export function grantEnding(grant: { endsAt: Date | null; revokedAt: Date | null }): { endedAt: Date; why: "REVOKED" | "ENDED" } | null {
  if (grant.revokedAt && (!grant.endsAt || grant.revokedAt.getTime() < grant.endsAt.getTime())) return { endedAt: grant.revokedAt, why: "REVOKED" };
  if (grant.endsAt) return { endedAt: grant.endsAt, why: "ENDED" };
  return grant.revokedAt ? { endedAt: grant.revokedAt, why: "REVOKED" } : null;
}

// ---------------------------------------------------------------- practices

/** A membership approved and not ended ("removed from the practice"). */
export const membershipInForce = { membershipStatus: "APPROVED", membershipEndedAt: null } as const satisfies Prisma.ProviderWhereInput;

/** Active providers whose membership of their practice is in force. */
export const approvedMember = { status: "ACTIVE", ...membershipInForce } as const satisfies Prisma.ProviderWhereInput;

/** Site administrators: approved, current members with that role. */
export const siteAdministrator = { membershipRole: "SITE_ADMIN", ...approvedMember } as const satisfies Prisma.ProviderWhereInput;

/** The site administrators of one practice. */
export function siteAdministratorsOf(practiceId: string): Prisma.ProviderWhereInput {
  return { practiceId, ...siteAdministrator };
}

/** Providers whose email is verified and whose membership waits for someone to vouch for it. */
export const waitingMember = { status: "ACTIVE", membershipStatus: "PENDING" } as const satisfies Prisma.ProviderWhereInput;

/** Practices with someone waiting for approval. */
export const practiceWithWaitingMembers: Prisma.PracticeWhereInput = { providers: { some: waitingMember } };

/** Practices none of whose members can approve others: the hospital decides for them. */
export const practiceWithoutSiteAdministrator: Prisma.PracticeWhereInput = { providers: { none: siteAdministrator } };

/** The practice `adminId` is a site administrator of (enrolled), as a condition on Practice. */
export function practiceAdministeredBy(adminId: string): Prisma.PracticeWhereInput {
  return { status: "ENROLLED", providers: { some: { id: adminId, ...siteAdministrator } } };
}

/**
 * The providers whose membership `adminId` manages: those of the practice `adminId` is a site
 * administrator of (the administrator included, so the last one cannot step down unnoticed).
 */
export function membersManagedBy(adminId: string): Prisma.ProviderWhereInput {
  return { practice: practiceAdministeredBy(adminId) };
}

// ---------------------------------------------------------------- providers → patients

/**
 * The patients provider `providerId` may view at `now`, as a condition on Patient. The
 * provider's own status and membership are part of the condition, so a disabled, unverified,
 * not yet approved or removed provider matches nothing through the practice, whoever calls it.
 */
export function viewableBy(providerId: string, now: Date): Prisma.PatientWhereInput {
  return {
    OR: [
      { pcp: { practice: { providers: { some: { id: providerId, ...approvedMember } } } } },
      { accessGrants: { some: { ...grantsHeldBy(providerId, now), provider: { status: "ACTIVE" } } } },
    ],
  };
}

// ---------------------------------------------------------------- families → patients

/** Links that make their account an approver of their patient at `now`. */
export function approverLink(now: Date): Prisma.PatientLinkWhereInput {
  return {
    endedAt: null,
    account: { status: "ACTIVE" },
    OR: [
      { relationship: "GUARDIAN", patient: { dateOfBirth: { gt: bornYearsBefore(now, GUARDIAN_UNTIL_AGE) } } },
      { relationship: "SELF", patient: { dateOfBirth: { lte: bornYearsBefore(now, SELF_FROM_AGE) } } },
    ],
  };
}

/** The approver links of one account at `now`. */
export function approverLinksOf(accountId: string, now: Date): Prisma.PatientLinkWhereInput {
  return { AND: [{ accountId }, approverLink(now)] };
}

/** Patients `accountId` is an approver of at `now`, as a condition on Patient. */
export function managedBy(accountId: string, now: Date): Prisma.PatientWhereInput {
  return { links: { some: approverLinksOf(accountId, now) } };
}

/** The access requests `accountId` may see and decide: those for patients it approves for. */
export function requestsVisibleTo(accountId: string, now: Date): Prisma.AccessRequestWhereInput {
  return { patient: managedBy(accountId, now) };
}

/** The grants `accountId` may see and revoke: those for patients it approves for. */
export function grantsManagedBy(accountId: string, now: Date): Prisma.AccessGrantWhereInput {
  return { patient: managedBy(accountId, now) };
}

/** The invitations `accountId` may see and withdraw: those for patients it approves for. */
export function invitationsManagedBy(accountId: string, now: Date): Prisma.InvitationTokenWhereInput {
  return { patient: managedBy(accountId, now) };
}

// ---------------------------------------------------------------- hospital staff

/**
 * MyChildren's accounts linked to the patient with `mrn`, ended links included: hospital staff
 * see every account and link (SPEC §5b "Families"), to act on them.
 */
export function accountsLinkedToMrn(mrn: string): Prisma.FamilyAccountWhereInput {
  return { links: { some: { patient: { mrn } } } };
}

// ---------------------------------------------------------------- the same rules in SQL
//
// The two hot paths (a search, a record page) send their reads past Prisma (decision 017), so the
// rules they need are written here a second time, as SQL conditions on a row of the statement.
// Their own rows are named access_*, apart from the statement's.
// tests/integration/access-sql.test.ts holds each equal to its Prisma form above, case by case and
// at several moments; tests/conventions/access-conditions.test.ts keeps them from being written
// anywhere else.

/** A condition of columns equal to constants (or null) as SQL on the row `row`. */
function columnsSql(row: string, condition: Readonly<Record<string, string | null>>): string {
  return Object.entries(condition)
    .map(([column, value]) => {
      if (value === null) return `${row}."${column}" IS NULL`;
      if (!/^[A-Z_]+$/.test(value)) throw new Error(`access: ${column} = "${value}" is not an enum value`);
      return `${row}."${column}" = '${value}'`;
    })
    .join(" AND ");
}

/** grantInForce(now) on the grant row `grant`, `now` being the placeholder of a timestamp. */
function grantInForceSql(grant: string, now: string): string {
  return `${grant}."revokedAt" IS NULL AND ${grant}."startsAt" <= ${now} AND (${grant}."endsAt" IS NULL OR ${grant}."endsAt" > ${now})`;
}

/**
 * The PCP branch of viewableBy as SQL on the patient row `patient`: `providerId` is an approved,
 * current member of the practice of the patient's PCP.
 */
export function viewableThroughPracticeSql(values: SqlValues, patient: string, providerId: string): string {
  return throughPracticeSql(patient, `${values.add(providerId)}::uuid`);
}

/** The PCP branch on the patient row `patient` for the provider whose id is the SQL `provider`. */
function throughPracticeSql(patient: string, provider: string): string {
  return `EXISTS (SELECT 1 FROM "Provider" access_pcp JOIN "Provider" access_member ON access_member."practiceId" = access_pcp."practiceId"
            WHERE access_pcp.id = ${patient}."pcpId" AND access_member.id = ${provider} AND ${columnsSql("access_member", approvedMember)})`;
}

/** viewableBy(providerId, now) as SQL on the patient row `patient`, its values added to `values`. */
export function viewableBySql(values: SqlValues, patient: string, providerId: string, now: Date): string {
  return viewableByProviderSql(values, patient, `${values.add(providerId)}::uuid`, now);
}

/**
 * viewableBy as SQL on the patient row `patient` for the provider whose id is the SQL `provider`
 * (a column of the statement, say), its values added to `values`.
 */
export function viewableByProviderSql(values: SqlValues, patient: string, provider: string, now: Date): string {
  const at = `${values.add(now)}::timestamp(3)`;
  return `(${throughPracticeSql(patient, provider)}
        OR EXISTS (SELECT 1 FROM "AccessGrant" access_grant JOIN "Provider" access_holder ON access_holder.id = access_grant."providerId"
            WHERE access_grant."patientId" = ${patient}.id AND access_grant."providerId" = ${provider} AND ${columnsSql("access_holder", { status: "ACTIVE" })}
              AND ${grantInForceSql("access_grant", at)}))`;
}

/** grantsHeldBy(providerId, now) as SQL on the grant row `grant`, its values added to `values`. */
export function grantsHeldBySql(values: SqlValues, grant: string, providerId: string, now: Date): string {
  return `(${grant}."providerId" = ${values.add(providerId)}::uuid AND ${grantInForceSql(grant, `${values.add(now)}::timestamp(3)`)})`;
}

/** grantsEndedFor(providerId, now) as SQL on the grant row `grant`, its values added to `values`. */
export function grantsEndedForSql(values: SqlValues, grant: string, providerId: string, now: Date): string {
  const at = `${values.add(now)}::timestamp(3)`;
  return `(${grant}."providerId" = ${values.add(providerId)}::uuid
          AND (${grant}."revokedAt" <= ${at} OR (${grant}."revokedAt" IS NULL AND ${grant}."endsAt" <= ${at})))`;
}

/** approverLink(now) as SQL on the link row `link`, its values added to `values`. */
export function approverLinkSql(values: SqlValues, link: string, now: Date): string {
  const guardianBornAfter = `${values.add(bornYearsBefore(now, GUARDIAN_UNTIL_AGE))}::date`;
  const selfBornBy = `${values.add(bornYearsBefore(now, SELF_FROM_AGE))}::date`;
  return `(${link}."endedAt" IS NULL
          AND EXISTS (SELECT 1 FROM "FamilyAccount" access_account WHERE access_account.id = ${link}."accountId" AND ${columnsSql("access_account", { status: "ACTIVE" })})
          AND EXISTS (SELECT 1 FROM "Patient" access_linked WHERE access_linked.id = ${link}."patientId"
            AND ((${link}.relationship = 'GUARDIAN' AND access_linked."dateOfBirth" > ${guardianBornAfter})
              OR (${link}.relationship = 'SELF' AND access_linked."dateOfBirth" <= ${selfBornBy}))))`;
}
