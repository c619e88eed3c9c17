// The people and records of the access matrix, made with Prisma on the matrix's own database: one
// practice that is the PCP practice of every patient here, providers in every state of SPEC §3,
// MyChildren's accounts on both sides of SPEC §2's age rules, and patients whose records carry a
// marker no other page could show by accident. Nothing here touches the demo accounts.
import { randomBytes, randomUUID } from "node:crypto";
import type { MembershipRole, MembershipStatus, PrismaClient, ProviderStatus } from "@/lib/generated/prisma/client";
import { nameKey } from "@/lib/patients/names";
import { generateToken, hashToken, normalizeToken } from "@/lib/tokens/format";
import { uniqueNpi } from "../../tests/support/factories.ts";
import { sessionCookieHeader, type AppUnderTest } from "./session";

/** The callers, in the order of the matrix's columns. */
export const CALLERS = [
  "anonymous",
  "unverified",
  "disabled",
  "noRelation",
  "pcpPractice",
  "siteAdmin",
  "otherSiteAdmin",
  "pending",
  "declined",
  "removed",
  "activeGrant",
  "expiredGrant",
  "futureGrant",
  "revokedGrant",
  "guardian",
  "otherGuardian",
  "selfTeen",
  "selfChild",
  "guardianOfAdult",
  "staff",
  "notStaff",
] as const;
export type CallerId = (typeof CALLERS)[number];

/**
 * The callers every header set of VARIANTS is sent for (e2e/support/matrix-http.ts): one for
 * each kind of session the proxy and the session check tell apart and refuse somewhere. No
 * session; a provider who is unverified, disabled, or signed in with no relation to the patient;
 * a family account with no relation; a console identity that is not on the staff list.
 */
export const HEADER_PROBE_CALLERS: readonly CallerId[] = ["anonymous", "unverified", "disabled", "noRelation", "otherGuardian", "notStaff"];

/** What each caller is, in words (for failure messages and the report). */
export const CALLER_DESCRIPTIONS: Record<CallerId, string> = {
  anonymous: "no session",
  unverified: "unverified provider (holds an active grant)",
  disabled: "disabled provider (in the PCP practice)",
  noRelation: "active provider with no relation to the patient",
  pcpPractice: "provider in the patient's PCP practice",
  siteAdmin: "site administrator of the patient's PCP practice",
  otherSiteAdmin: "site administrator of another practice",
  pending: "provider whose membership of the PCP practice waits for approval",
  declined: "provider whose membership of the PCP practice was declined",
  removed: "provider removed from the PCP practice",
  activeGrant: "provider with an active grant",
  expiredGrant: "provider whose grant ended",
  futureGrant: "provider whose grant has not started",
  revokedGrant: "provider whose grant was revoked",
  guardian: "GUARDIAN of the patient (under 18)",
  otherGuardian: "GUARDIAN of another patient",
  selfTeen: "SELF account of a patient aged 15 (approver)",
  selfChild: "SELF account of a patient aged 10 (not an approver)",
  guardianOfAdult: "GUARDIAN of a patient aged 19 (no longer an approver)",
  staff: "hospital staff, signed in to the staff console",
  notStaff: "an identity signed in at the hospital's identity provider but not on the staff list (a console session of a staff member since disabled)",
};

/**
 * Whose record a caller's cells are about: providers and the two guardians ask about a child;
 * each SELF account and the adult's guardian about the patient they are linked to.
 */
export type SubjectKind = "child" | "teen" | "young" | "adult";
export const SUBJECT_OF: Record<CallerId, SubjectKind> = {
  anonymous: "child",
  unverified: "child",
  disabled: "child",
  noRelation: "child",
  pcpPractice: "child",
  siteAdmin: "child",
  otherSiteAdmin: "child",
  pending: "child",
  declined: "child",
  removed: "child",
  activeGrant: "child",
  expiredGrant: "child",
  futureGrant: "child",
  revokedGrant: "child",
  guardian: "child",
  otherGuardian: "child",
  selfTeen: "teen",
  selfChild: "young",
  guardianOfAdult: "adult",
  staff: "child",
  notStaff: "child",
};
const AGE_OF: Record<SubjectKind, number> = { child: 8, teen: 15, young: 10, adult: 19 };

export interface Caller {
  id: CallerId;
  portal: "mypatients" | "mychildren" | "staff" | null;
  /** Provider id, MyChildren's account id or staff member id. */
  ownerId: string | null;
  email: string | null;
}

export interface Subject {
  kind: SubjectKind;
  patientId: string;
  mrn: string;
  firstName: string;
  lastName: string;
  /** An allergy only this patient's record lists. */
  allergy: string;
  /** A pending request of the requester, for the family's decision page. */
  requestId: string;
  /** An active grant of the grant holder, for the family's "Revoke". */
  grantId: string;
}

export interface World {
  run: string;
  callers: Record<CallerId, Caller>;
  /** The PCP of every patient here (not a caller: colleagues of the practice are). */
  pcp: { id: string; npi: string; practiceId: string };
  requesterId: string;
  grantHolderId: string;
  /** The patient each kind of caller is asked about, shared by the read-only cells. */
  subjects: Record<SubjectKind, Subject>;
  /** An MRN and a request id that exist nowhere. */
  missing: { mrn: string; id: string };
}

const letters = (count: number) => Array.from(randomBytes(count), (byte) => String.fromCharCode(97 + (byte % 26))).join("");
const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);
const DAY = 86_400_000;

/** A date of birth `years` old, clear of birthdays. */
function bornYearsAgo(years: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()) - 45 * DAY);
}

async function unusedMrn(prisma: PrismaClient): Promise<string> {
  for (;;) {
    const mrn = String(80_000_000 + (randomBytes(4).readUInt32BE(0) % 19_999_999));
    if (!(await prisma.patient.findUnique({ where: { mrn }, select: { id: true } }))) return mrn;
  }
}

export class MatrixWorld {
  private readonly prisma: PrismaClient;

  private constructor(
    private readonly app: AppUnderTest,
    readonly world: World,
    private readonly links: { guardian: string; otherGuardian: string; selfTeen: string; selfChild: string; guardianOfAdult: string; adultSelf: string },
    private readonly grantees: { activeGrant: string; expiredGrant: string; futureGrant: string; revokedGrant: string; unverified: string },
  ) {
    this.prisma = app.prisma;
  }

  static async create(app: AppUnderTest): Promise<MatrixWorld> {
    const { prisma } = app;
    const run = letters(8);
    const practice = (kind: "PRIMARY_CARE" | "SPECIALTY", label: string) => prisma.practice.create({ data: { name: `Matrix ${label} ${run}`, kind } });
    const pcpPractice = await practice("PRIMARY_CARE", "Primary Care");
    const specialty = await practice("SPECIALTY", "Specialty");
    // Every provider here is an approved member of their practice unless `membership` says otherwise.
    const provider = (label: string, practiceId: string, status: ProviderStatus, membership: { status?: MembershipStatus; role?: MembershipRole; ended?: boolean } = {}) =>
      prisma.provider.create({
        data: {
          fullName: `Dr. Matrix ${capitalized(label)} ${capitalized(run)}`,
          email: `matrix-${label.toLowerCase()}-${run}@clinic.example`,
          npi: uniqueNpi(),
          passwordHash: "not-a-password-hash",
          status,
          practiceId,
          membershipStatus: membership.status ?? (status === "UNVERIFIED" ? "PENDING" : "APPROVED"),
          membershipRole: membership.role ?? "MEMBER",
          ...(membership.ended ? { membershipEndedAt: new Date(), membershipEndedByStaff: "access-matrix" } : {}),
          ...(status === "ACTIVE" ? { emailVerifiedAt: new Date() } : {}),
          ...(status === "DISABLED" ? { emailVerifiedAt: new Date(), disabledAt: new Date() } : {}),
        },
      });
    const account = (label: string) =>
      prisma.familyAccount.create({ data: { fullName: `Matrix ${capitalized(label)} ${capitalized(run)}`, email: `matrix-${label.toLowerCase()}-${run}@family.example`, passwordHash: "not-a-password-hash" } });

    const pcp = await provider("pcp", pcpPractice.id, "ACTIVE");
    const providers = {
      unverified: await provider("unverified", specialty.id, "UNVERIFIED"),
      disabled: await provider("disabled", pcpPractice.id, "DISABLED"),
      noRelation: await provider("norelation", specialty.id, "ACTIVE"),
      pcpPractice: await provider("colleague", pcpPractice.id, "ACTIVE"),
      siteAdmin: await provider("siteadmin", pcpPractice.id, "ACTIVE", { role: "SITE_ADMIN" }),
      otherSiteAdmin: await provider("otheradmin", specialty.id, "ACTIVE", { role: "SITE_ADMIN" }),
      pending: await provider("pending", pcpPractice.id, "ACTIVE", { status: "PENDING" }),
      declined: await provider("declined", pcpPractice.id, "ACTIVE", { status: "DECLINED" }),
      removed: await provider("removed", pcpPractice.id, "ACTIVE", { ended: true }),
      activeGrant: await provider("granted", specialty.id, "ACTIVE"),
      expiredGrant: await provider("expired", specialty.id, "ACTIVE"),
      futureGrant: await provider("future", specialty.id, "ACTIVE"),
      revokedGrant: await provider("revoked", specialty.id, "ACTIVE"),
    };
    const requester = await provider("requester", specialty.id, "ACTIVE");
    const grantHolder = await provider("holder", specialty.id, "ACTIVE");
    const accounts = {
      guardian: await account("guardian"),
      otherGuardian: await account("otherguardian"),
      selfTeen: await account("teen"),
      selfChild: await account("child"),
      guardianOfAdult: await account("adultguardian"),
      adultSelf: await account("adult"),
    };
    const staffMember = (label: string, disabled: boolean) =>
      prisma.staff.create({ data: { fullName: `Matrix ${capitalized(label)} ${capitalized(run)}`, email: `matrix-${label}-${run}@hospital.example`, disabledAt: disabled ? new Date() : null } });
    const staff = { staff: await staffMember("staff", false), notStaff: await staffMember("notstaff", true) };
    const callers = {} as Record<CallerId, Caller>;
    for (const id of CALLERS) {
      if (id === "anonymous") callers[id] = { id, portal: null, ownerId: null, email: null };
      else if (id in staff) {
        const row = staff[id as keyof typeof staff];
        callers[id] = { id, portal: "staff", ownerId: row.id, email: row.email };
      }
      else if (id in providers) {
        const row = providers[id as keyof typeof providers];
        callers[id] = { id, portal: "mypatients", ownerId: row.id, email: row.email };
      } else {
        const row = accounts[id as keyof typeof accounts];
        callers[id] = { id, portal: "mychildren", ownerId: row.id, email: row.email };
      }
    }
    const world: World = {
      run,
      callers,
      pcp: { id: pcp.id, npi: pcp.npi, practiceId: pcpPractice.id },
      requesterId: requester.id,
      grantHolderId: grantHolder.id,
      subjects: {} as Record<SubjectKind, Subject>,
      missing: { mrn: await unusedMrn(prisma), id: randomUUID() },
    };
    const matrix = new MatrixWorld(
      app,
      world,
      {
        guardian: accounts.guardian.id,
        otherGuardian: accounts.otherGuardian.id,
        selfTeen: accounts.selfTeen.id,
        selfChild: accounts.selfChild.id,
        guardianOfAdult: accounts.guardianOfAdult.id,
        adultSelf: accounts.adultSelf.id,
      },
      {
        activeGrant: providers.activeGrant.id,
        expiredGrant: providers.expiredGrant.id,
        futureGrant: providers.futureGrant.id,
        revokedGrant: providers.revokedGrant.id,
        unverified: providers.unverified.id,
      },
    );
    // The other guardian's own child: they are an approver, just not of the patient asked about.
    await matrix.createPatient("child", [{ accountId: accounts.otherGuardian.id, relationship: "GUARDIAN" }]);
    for (const kind of ["child", "teen", "young", "adult"] as const) world.subjects[kind] = await matrix.createSubject(kind);
    return matrix;
  }

  private async createPatient(kind: SubjectKind, links: { accountId: string; relationship: "GUARDIAN" | "SELF" }[]) {
    const firstName = capitalized(letters(7));
    const lastName = `Matrix${letters(10)}`;
    const allergy = `Matrixallergen ${letters(10)}`;
    const patient = await this.prisma.patient.create({
      data: {
        mrn: await unusedMrn(this.prisma),
        firstName,
        lastName,
        firstNameKey: nameKey(firstName),
        lastNameKey: nameKey(lastName),
        dateOfBirth: bornYearsAgo(AGE_OF[kind]),
        sex: "UNKNOWN",
        pcpId: this.world.pcp.id,
        allergies: { create: [{ substance: allergy, reaction: "Hives", severity: "Moderate", recordedOn: new Date("2024-02-01T00:00:00Z") }] },
        links: { create: links },
      },
    });
    return { ...patient, allergy };
  }

  /**
   * A new patient of `kind` with every relation of the matrix: for a child, the guardian and
   * each provider's grant; for the others, the link of the caller asked about them. Each has a
   * pending request (of the requester) and an active grant (of the grant holder) for the family.
   */
  async createSubject(kind: SubjectKind): Promise<Subject> {
    const { links, grantees, prisma } = this;
    const linksByKind = {
      child: [{ accountId: links.guardian, relationship: "GUARDIAN" as const }],
      teen: [{ accountId: links.selfTeen, relationship: "SELF" as const }],
      // Under 13 a SELF link approves nothing: the guardian is the approver.
      young: [
        { accountId: links.selfChild, relationship: "SELF" as const },
        { accountId: links.guardian, relationship: "GUARDIAN" as const },
      ],
      // From 18 the guardian approves nothing: the patient's own account is the approver.
      adult: [
        { accountId: links.guardianOfAdult, relationship: "GUARDIAN" as const },
        { accountId: links.adultSelf, relationship: "SELF" as const },
      ],
    }[kind];
    const patient = await this.createPatient(kind, linksByKind);
    const now = Date.now();
    if (kind === "child") {
      await prisma.accessGrant.createMany({
        data: [
          { providerId: grantees.activeGrant, startsAt: new Date(now - DAY), endsAt: new Date(now + 30 * DAY) },
          // Its ending already in Record activity, as the app's maintenance would have written it by
          // now: that background work then changes nothing while a cell watches the database.
          { providerId: grantees.expiredGrant, startsAt: new Date(now - 60 * DAY), endsAt: new Date(now - DAY), endRecordedAt: new Date(now - DAY) },
          { providerId: grantees.futureGrant, startsAt: new Date(now + 7 * DAY), endsAt: null },
          { providerId: grantees.revokedGrant, startsAt: new Date(now - 10 * DAY), endsAt: null, revokedAt: new Date(now - DAY), revokedById: links.guardian },
          { providerId: grantees.unverified, startsAt: new Date(now - DAY), endsAt: null },
        ].map((grant) => ({ ...grant, patientId: patient.id, source: "REQUEST" as const, grantedById: links.guardian })),
      });
    }
    const request = await prisma.accessRequest.create({
      data: {
        providerId: this.world.requesterId,
        patientId: patient.id,
        reason: "Cardiology consult",
        pendingKey: `${this.world.requesterId}:${patient.id}`,
        expiresAt: new Date(now + 30 * DAY),
      },
    });
    const grant = await prisma.accessGrant.create({
      data: { providerId: this.world.grantHolderId, patientId: patient.id, source: "TOKEN", startsAt: new Date(now - DAY), endsAt: null },
    });
    return {
      kind,
      patientId: patient.id,
      mrn: patient.mrn,
      firstName: patient.firstName,
      lastName: patient.lastName,
      allergy: patient.allergy,
      requestId: request.id,
      grantId: grant.id,
    };
  }

  /** A newcomer with a verified email, waiting to join the patient's PCP practice; returns their id. */
  async createWaitingProvider(): Promise<string> {
    const tag = letters(8);
    const provider = await this.prisma.provider.create({
      data: {
        fullName: `Dr. Matrix Newcomer ${capitalized(tag)}`,
        email: `matrix-newcomer-${tag}@clinic.example`,
        npi: uniqueNpi(),
        passwordHash: "not-a-password-hash",
        status: "ACTIVE",
        emailVerifiedAt: new Date(),
        practiceId: this.world.pcp.practiceId,
        membershipStatus: "PENDING",
      },
      select: { id: true },
    });
    return provider.id;
  }

  /** An unused invitation for the subject's MRN; returns its id and the token as emailed. */
  async createInvitation(subject: Subject, providerEmail: string): Promise<{ id: string; token: string }> {
    const token = generateToken();
    const invitation = await this.prisma.invitationToken.create({
      data: {
        patientId: subject.patientId,
        tokenHash: hashToken(normalizeToken(token)!),
        providerEmail,
        issuedByStaff: "access-matrix",
        expiresAt: new Date(Date.now() + 90 * DAY),
      },
    });
    return { id: invitation.id, token };
  }

  /** A practice a registering provider named, waiting for the hospital to enroll it. */
  async createPendingPractice(): Promise<string> {
    const practice = await this.prisma.practice.create({ data: { name: `Matrix Pending Practice ${capitalized(letters(8))}`, kind: "PRIMARY_CARE", status: "PENDING" }, select: { id: true } });
    return practice.id;
  }

  /** A new MyChildren's account, GUARDIAN of `subject`; returns the account's and the link's ids. */
  async createLinkedAccount(subject: Subject): Promise<{ accountId: string; linkId: string }> {
    const tag = letters(8);
    const account = await this.prisma.familyAccount.create({
      data: { fullName: `Matrix Family ${capitalized(tag)}`, email: `matrix-family-${tag}@family.example`, passwordHash: "not-a-password-hash", links: { create: [{ patientId: subject.patientId, relationship: "GUARDIAN" }] } },
      select: { id: true, links: { select: { id: true } } },
    });
    return { accountId: account.id, linkId: account.links[0]!.id };
  }

  /** A Cookie header with a new session of the caller (null for anonymous), and the session's id. */
  async signIn(caller: Caller): Promise<{ cookie: string | null; sessionId: string | null }> {
    if (!caller.portal || !caller.ownerId) return { cookie: null, sessionId: null };
    return sessionCookieHeader({ portal: caller.portal, id: caller.ownerId }, this.app);
  }
}
