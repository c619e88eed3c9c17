// The accounts and records the hostile-input spec attacks with and through: its own practices,
// providers, patients, family accounts and pending request, created in the spec's own database
// (e2e/support/own-app.ts). Sessions are opened the way e2e/support/session.ts opens them, as
// Cookie header values.
import { hashPassword } from "@/lib/auth/password";
import type { PortalId } from "@/lib/auth/portals";
import { nameKey } from "@/lib/patients/names";
import { uniqueNpi } from "../../tests/support/factories.ts";
import { sessionCookieHeader as openSessionCookie, type AppUnderTest } from "./session";

/** The password of every account made here. */
export const PASSWORD = "hostile input passphrase 2026";

export interface Person {
  id: string;
  email: string;
}

export interface World {
  /** Makes this run's names and emails unique. */
  tag: string;
  primaryCarePracticeId: string;
  specialtyPracticeId: string;
  /** A provider of the primary care practice: the patient's PCP, and the practice's only site administrator. */
  provider: Person & { npi: string };
  /** A provider of the specialty practice, with a pending request for the patient. */
  requester: Person;
  /** The patient's guardian in MyChildren's. */
  family: Person;
  patient: { id: string; mrn: string; firstName: string; lastName: string; dateOfBirth: string };
  pendingRequestId: string;
  /** A patient of another primary care practice, whose guardian is otherFamily: one the provider may not see. */
  otherPatient: { id: string; mrn: string; firstName: string; lastName: string; dateOfBirth: string };
  /** A patient of that practice with no MyChildren's account: nobody can approve a request for them. */
  unlinkedPatient: { id: string; mrn: string; lastName: string };
  /** Cookie header values of signed-in sessions: the world's provider and family, and those of the other practice and patient. */
  cookies: { provider: string; family: string; otherProvider: string; otherFamily: string; staff: string };
  /** A member of the hospital's staff, signed in to the staff console (cookies.staff). */
  staff: { id: string; email: string };
}

let passwordHash: Promise<string> | undefined;

function randomDigits(count: number): string {
  return Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join("");
}

/** "name=value" of a signed-in session cookie for the provider or MyChildren's account `ownerId`. */
export async function sessionCookieHeader(app: AppUnderTest, portal: PortalId, ownerId: string): Promise<string> {
  return (await openSessionCookie({ portal, id: ownerId }, app)).cookie;
}

export async function createProvider(app: AppUnderTest, tag: string, label: string, practiceId: string, role: "MEMBER" | "SITE_ADMIN" = "MEMBER"): Promise<Person & { npi: string }> {
  passwordHash ??= hashPassword(PASSWORD);
  return app.prisma.provider.create({
    data: {
      fullName: `Dr. ${label} ${tag}`,
      email: `${label}-${tag}@hostile.example`,
      npi: uniqueNpi(),
      practiceId,
      passwordHash: await passwordHash,
      status: "ACTIVE",
      emailVerifiedAt: new Date(),
      membershipStatus: "APPROVED",
      membershipRole: role,
    },
    select: { id: true, email: true, npi: true },
  });
}

export async function createFamilyAccount(app: AppUnderTest, tag: string, label: string): Promise<Person> {
  passwordHash ??= hashPassword(PASSWORD);
  return app.prisma.familyAccount.create({
    data: { fullName: `${label} ${tag}`, email: `${label}-${tag}@hostile.example`, passwordHash: await passwordHash, status: "ACTIVE" },
    select: { id: true, email: true },
  });
}

async function createPatient(app: AppUnderTest, names: { firstName: string; lastName: string }, dateOfBirth: string, pcpId: string): Promise<{ id: string; mrn: string }> {
  return app.prisma.patient.create({
    data: {
      mrn: `8${randomDigits(7)}`,
      ...names,
      firstNameKey: nameKey(names.firstName),
      lastNameKey: nameKey(names.lastName),
      dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`),
      sex: "FEMALE",
      pcpId,
    },
    select: { id: true, mrn: true },
  });
}

export async function createWorld(app: AppUnderTest): Promise<World> {
  const { prisma } = app;
  const tag = `${Date.now().toString(36)}${randomDigits(3)}`;
  const primaryCare = await prisma.practice.create({ data: { name: `Hostile Input Pediatrics ${tag}`, kind: "PRIMARY_CARE" }, select: { id: true } });
  const specialty = await prisma.practice.create({ data: { name: `Hostile Input Cardiology ${tag}`, kind: "SPECIALTY" }, select: { id: true } });
  const provider = await createProvider(app, tag, "pcp", primaryCare.id, "SITE_ADMIN");
  const requester = await createProvider(app, tag, "specialist", specialty.id);
  const family = await createFamilyAccount(app, tag, "guardian");

  const names = { firstName: "Hostile", lastName: `Input${tag}` };
  const dateOfBirth = "2015-06-15";
  const patient = await createPatient(app, names, dateOfBirth, provider.id);
  await prisma.patientLink.create({ data: { accountId: family.id, patientId: patient.id, relationship: "GUARDIAN" } });

  // Another primary care practice, with a patient who has a guardian and one who has no account.
  const otherPractice = await prisma.practice.create({ data: { name: `Hostile Input Family Medicine ${tag}`, kind: "PRIMARY_CARE" }, select: { id: true } });
  const otherProvider = await createProvider(app, tag, "other-pcp", otherPractice.id);
  const otherFamily = await createFamilyAccount(app, tag, "other-guardian");
  const otherNames = { firstName: "Sofia", lastName: `Rivera${tag}` };
  const otherDateOfBirth = "2018-03-14";
  const otherPatient = await createPatient(app, otherNames, otherDateOfBirth, otherProvider.id);
  await prisma.patientLink.create({ data: { accountId: otherFamily.id, patientId: otherPatient.id, relationship: "GUARDIAN" } });
  const unlinkedNames = { firstName: "Ethan", lastName: `Brooks${tag}` };
  const unlinkedPatient = { ...(await createPatient(app, unlinkedNames, "2016-11-30", otherProvider.id)), lastName: unlinkedNames.lastName };
  const request = await prisma.accessRequest.create({
    data: { providerId: requester.id, patientId: patient.id, reason: "Murmur follow-up", pendingKey: `${requester.id}:${patient.id}`, expiresAt: new Date(Date.now() + 30 * 24 * 3_600_000) },
    select: { id: true },
  });

  const staff = await prisma.staff.create({ data: { fullName: `Hostile Staff ${tag}`, email: `staff-${tag}@hospital.example` }, select: { id: true, email: true } });

  return {
    tag,
    staff,
    primaryCarePracticeId: primaryCare.id,
    specialtyPracticeId: specialty.id,
    provider,
    requester,
    family,
    patient: { ...patient, ...names, dateOfBirth },
    pendingRequestId: request.id,
    otherPatient: { ...otherPatient, ...otherNames, dateOfBirth: otherDateOfBirth },
    unlinkedPatient,
    cookies: {
      provider: await sessionCookieHeader(app, "mypatients", provider.id),
      family: await sessionCookieHeader(app, "mychildren", family.id),
      otherProvider: await sessionCookieHeader(app, "mypatients", otherProvider.id),
      otherFamily: await sessionCookieHeader(app, "mychildren", otherFamily.id),
      staff: await sessionCookieHeader(app, "staff", staff.id),
    },
  };
}
