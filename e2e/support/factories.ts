// The people and records a spec needs, made fresh for each test so that tests run in parallel and
// never share or change the demo data: practices, providers, MyChildren's accounts and patients
// with unique names, emails, NPIs and MRNs, written with Prisma (or, where the product has one,
// through the domain function: invitations, activation codes). Providers and accounts are active
// and verified and sign in with PASSWORD. Each function takes the database to write to: by
// default the run's main app's.
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { LinkRelationship, MembershipRole, MembershipStatus, PracticeKind, PracticeStatus, PrismaClient, Sex } from "@/lib/generated/prisma/client";
import { issueActivationCode } from "@/lib/family/activation";
import { nameKey } from "@/lib/patients/names";
import { issueInvitation } from "@/lib/tokens/issue";
import { numberSequence, uniqueNpi } from "../../tests/support/factories.ts";
import { testDatabase } from "./session.ts";

export { uniqueNpi };

/** The password of every provider and MyChildren's account made here. */
export const PASSWORD = "e2e passphrase of 2026";

let passwordHash: Promise<string> | undefined;
/** Hashed once per worker: argon2id is slow on purpose. */
const hashedPassword = () => (passwordHash ??= hashPassword(PASSWORD));

/** Letters only, so that it can end a person's name: "Rivera-Kqzvmtwb". */
export function uniqueTag(): string {
  return Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

const nextMrn = numberSequence(10_000_000);

/** An MRN of eight digits, so it is never one of the seven-digit MRNs specs use as ones that do not exist. */
export function uniqueMrn(): string {
  return String(60_000_000 + nextMrn());
}

export interface Practice {
  id: string;
  name: string;
}

export interface Provider {
  portal: "mypatients";
  id: string;
  fullName: string;
  email: string;
  npi: string;
  practice: Practice;
}

export interface FamilyAccount {
  portal: "mychildren";
  id: string;
  fullName: string;
  email: string;
}

export interface Patient {
  id: string;
  mrn: string;
  firstName: string;
  lastName: string;
  fullName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
}

/** A practice named `name` and a unique tag: "Fenway Pediatric Cardiology Kqzvmtwb"; enrolled unless `status` says otherwise. */
export async function createPractice(options: { name: string; kind: PracticeKind; status?: PracticeStatus }, prisma: PrismaClient = testDatabase()): Promise<Practice> {
  return prisma.practice.create({
    data: { name: `${options.name} ${capitalized(uniqueTag())}`, kind: options.kind, status: options.status ?? "ENROLLED", city: "Boston", phone: "617-555-0100", membersConfirmedAt: new Date() },
    select: { id: true, name: true },
  });
}

/**
 * An active, verified provider of `practice` (a new specialty practice by default), named
 * `fullName` and a unique tag; an approved member of the practice unless `membership` says otherwise.
 */
export async function createProvider(
  options: { fullName: string; practice?: Practice; membership?: MembershipStatus; role?: MembershipRole },
  prisma: PrismaClient = testDatabase(),
): Promise<Provider> {
  const practice = options.practice ?? (await createPractice({ name: "Specialty Clinic", kind: "SPECIALTY" }, prisma));
  const tag = uniqueTag();
  const provider = await prisma.provider.create({
    data: {
      fullName: `${options.fullName}-${capitalized(tag)}`,
      email: `provider-${tag}@clinic.example`,
      npi: uniqueNpi(),
      passwordHash: await hashedPassword(),
      status: "ACTIVE",
      emailVerifiedAt: new Date(),
      practiceId: practice.id,
      membershipStatus: options.membership ?? "APPROVED",
      membershipRole: options.role ?? "MEMBER",
    },
    select: { id: true, fullName: true, email: true, npi: true },
  });
  return { portal: "mypatients", ...provider, practice };
}

/** A provider of a new primary care practice, to be the PCP of patients. */
export async function createPrimaryCareProvider(
  options: { fullName: string; practiceName: string } = { fullName: "Dr. Paula Chen", practiceName: "Longwood Pediatrics" },
  prisma: PrismaClient = testDatabase(),
): Promise<Provider> {
  const practice = await createPractice({ name: options.practiceName, kind: "PRIMARY_CARE" }, prisma);
  return createProvider({ fullName: options.fullName, practice }, prisma);
}

/** An active MyChildren's account named `fullName` and a unique tag. */
export async function createFamilyAccount(options: { fullName: string }, prisma: PrismaClient = testDatabase()): Promise<FamilyAccount> {
  const tag = uniqueTag();
  const account = await prisma.familyAccount.create({
    data: { fullName: `${options.fullName}-${capitalized(tag)}`, email: `family-${tag}@family.example`, passwordHash: await hashedPassword(), status: "ACTIVE" },
    select: { id: true, fullName: true, email: true },
  });
  return { portal: "mychildren", ...account };
}

const day = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** A few entries in every section of the record. */
const RECORD = {
  allergies: { create: [{ substance: "Peanut", reaction: "Hives and vomiting", severity: "Severe", recordedOn: day("2020-06-10") }] },
  medications: { create: [{ name: "Albuterol HFA 90 mcg/actuation", dose: "2 puffs with spacer", frequency: "Every 4 hours as needed for wheeze", startedOn: day("2022-10-05") }] },
  problems: {
    create: [
      { name: "Mild intermittent asthma", status: "Active", onsetOn: day("2022-10-05") },
      { name: "Acute otitis media", status: "Resolved", onsetOn: day("2019-02-14"), resolvedOn: day("2019-02-28") },
    ],
  },
  immunizations: { create: [{ vaccine: "MMR", doseNumber: 2, administeredOn: day("2022-04-12") }] },
  visits: { create: [{ visitOn: day("2025-03-18"), kind: "Well-child", clinician: "Dr. Test", reason: "Well-child visit", summary: "Normal growth and development." }] },
  labResults: { create: [{ test: "Hemoglobin", value: "11.8", unit: "g/dL", referenceRange: "10.5–13.5", collectedOn: day("2019-03-20") }] },
};

/** `base` and a unique tag, as a family name no one else has: "Rivera-Kqzvmtwb". */
export function uniqueSurname(base: string): string {
  return `${base}-${capitalized(uniqueTag())}`;
}

/**
 * A patient of `pcp` with a clinical record, linked to the given MyChildren's accounts. Give them
 * a uniqueSurname, so that a search by name finds only them.
 */
export async function createPatient(
  options: {
    pcp: Provider;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    sex?: Sex;
    links?: { account: FamilyAccount; relationship: LinkRelationship }[];
  },
  prisma: PrismaClient = testDatabase(),
): Promise<Patient> {
  const { lastName } = options;
  const patient = await prisma.patient.create({
    data: {
      mrn: uniqueMrn(),
      firstName: options.firstName,
      lastName,
      firstNameKey: nameKey(options.firstName),
      lastNameKey: nameKey(lastName),
      dateOfBirth: day(options.dateOfBirth),
      sex: options.sex ?? "UNKNOWN",
      pcpId: options.pcp.id,
      ...RECORD,
      links: { create: (options.links ?? []).map((link) => ({ accountId: link.account.id, relationship: link.relationship })) },
    },
    select: { id: true, mrn: true, firstName: true, lastName: true },
  });
  return { ...patient, fullName: `${patient.firstName} ${patient.lastName}`, dateOfBirth: options.dateOfBirth };
}

/** A guardian with two children (8 and 15 years old, of one PCP), as the demo's Rivera family. */
export async function createGuardianWithChildren(prisma: PrismaClient = testDatabase()): Promise<{ pcp: Provider; guardian: FamilyAccount; sofia: Patient; mateo: Patient }> {
  const pcp = await createPrimaryCareProvider(undefined, prisma);
  const guardian = await createFamilyAccount({ fullName: "Maria Rivera" }, prisma);
  const lastName = uniqueSurname("Rivera");
  const links = [{ account: guardian, relationship: "GUARDIAN" as const }];
  const sofia = await createPatient({ pcp, firstName: "Sofia", lastName, dateOfBirth: bornYearsAgo(8), sex: "FEMALE", links }, prisma);
  const mateo = await createPatient({ pcp, firstName: "Mateo", lastName, dateOfBirth: bornYearsAgo(15), sex: "MALE", links }, prisma);
  return { pcp, guardian, sofia, mateo };
}

/** A date of birth `years` years ago, clear of birthdays. */
export function bornYearsAgo(years: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()) - 45 * 86_400_000).toISOString().slice(0, 10);
}

/** An invitation for `patient` to `providerEmail`, issued by `issuer` (at `now`) through the domain function: the token goes out by email. */
export async function issueInvitationFor(
  options: { patient: Patient; providerEmail: string; issuer: FamilyAccount; now?: Date },
  prisma: PrismaClient = testDatabase(),
): Promise<void> {
  const issued = await issueInvitation({ mrn: options.patient.mrn, providerEmail: options.providerEmail }, { issuer: { accountId: options.issuer.id }, now: options.now }, prisma);
  if (!issued.ok) throw new Error(`the invitation was refused: ${issued.message}`);
}

/** A single-use activation code for `patient`, as hospital staff issue it. */
export async function issueActivationCodeFor(patient: Patient, relationship: LinkRelationship, prisma: PrismaClient = testDatabase()): Promise<string> {
  const issued = await issueActivationCode({ mrn: patient.mrn, relationship }, { staff: "e2e registration desk" }, prisma);
  if (!issued.ok) throw new Error(issued.message);
  return issued.code;
}

export interface StaffMember {
  portal: "staff";
  id: string;
  fullName: string;
  email: string;
}

/**
 * A member of the hospital's staff, on the staff list, with an address at hospital.example: the
 * domain the local identity provider signs in (with the demo password, LOCAL_IDP_PASSWORD).
 */
export async function createStaffMember(options: { fullName: string } = { fullName: "Grace Kim" }, prisma: PrismaClient = testDatabase()): Promise<StaffMember> {
  const tag = uniqueTag();
  const staff = await prisma.staff.create({ data: { fullName: `${options.fullName}-${capitalized(tag)}`, email: `staff-${tag}@hospital.example` }, select: { id: true, fullName: true, email: true } });
  return { portal: "staff", ...staff };
}
