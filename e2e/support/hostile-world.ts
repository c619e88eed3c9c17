// The accounts and records the hostile-input spec attacks with and through: its own practices,
// providers, patient, family account and pending request, created in the test database, so its
// lockouts and failed attempts never touch the demo accounts other specs sign in with. Sessions
// are opened the way e2e/support/session.ts opens them, as Cookie header values.
import { encode } from "next-auth/jwt";
import { hashPassword } from "@/lib/auth/password";
import type { PortalId } from "@/lib/auth/portals";
import { authSecret, SESSION_COOKIE_MAX_AGE_SECONDS, sessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/session-store";
import { npiCheckDigit } from "@/lib/npi";
import { nameKey } from "@/lib/patients/names";
import { testDatabase } from "./session";

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
  /** A provider of the primary care practice: the patient's PCP. */
  provider: Person;
  /** A provider of the specialty practice, with a pending request for the patient. */
  requester: Person;
  /** The patient's guardian in MyChildren's. */
  family: Person;
  patient: { id: string; mrn: string; firstName: string; lastName: string; dateOfBirth: string };
  pendingRequestId: string;
  /** Cookie header values of signed-in sessions. */
  cookies: { provider: string; family: string; demoProvider: string; demoFamily: string };
}

let passwordHash: Promise<string> | undefined;

function randomDigits(count: number): string {
  return Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join("");
}

/** A valid NPI that no demo provider has (theirs start with 1). */
export function freshNpi(): string {
  const base = `3${randomDigits(8)}`;
  return base + npiCheckDigit(base);
}

/** "name=value" of a signed-in session cookie for the provider or MyChildren's account `ownerId`. */
export async function sessionCookieHeader(portal: PortalId, ownerId: string): Promise<string> {
  const owner = portal === "mypatients" ? { portal, providerId: ownerId } : { portal, accountId: ownerId };
  const { secret } = await testDatabase().$transaction((tx) => createSession(tx, owner, new Date()));
  const cookie = sessionCookie(portal);
  const value = await encode({ token: { portal, sid: secret }, secret: authSecret(), salt: cookie.name, maxAge: SESSION_COOKIE_MAX_AGE_SECONDS });
  return `${cookie.name}=${value}`;
}

export async function createProvider(tag: string, label: string, practiceId: string): Promise<Person> {
  passwordHash ??= hashPassword(PASSWORD);
  return testDatabase().provider.create({
    data: {
      fullName: `Dr. ${label} ${tag}`,
      email: `${label}-${tag}@hostile.example`,
      npi: freshNpi(),
      practiceId,
      passwordHash: await passwordHash,
      status: "ACTIVE",
      emailVerifiedAt: new Date(),
    },
    select: { id: true, email: true },
  });
}

export async function createFamilyAccount(tag: string, label: string): Promise<Person> {
  passwordHash ??= hashPassword(PASSWORD);
  return testDatabase().familyAccount.create({
    data: { fullName: `${label} ${tag}`, email: `${label}-${tag}@hostile.example`, passwordHash: await passwordHash, status: "ACTIVE" },
    select: { id: true, email: true },
  });
}

export async function createWorld(): Promise<World> {
  const prisma = testDatabase();
  const tag = `${Date.now().toString(36)}${randomDigits(3)}`;
  const primaryCare = await prisma.practice.create({ data: { name: `Hostile Input Pediatrics ${tag}`, kind: "PRIMARY_CARE" }, select: { id: true } });
  const specialty = await prisma.practice.create({ data: { name: `Hostile Input Cardiology ${tag}`, kind: "SPECIALTY" }, select: { id: true } });
  const provider = await createProvider(tag, "pcp", primaryCare.id);
  const requester = await createProvider(tag, "specialist", specialty.id);
  const family = await createFamilyAccount(tag, "guardian");

  const names = { firstName: "Hostile", lastName: `Input${tag}` };
  const dateOfBirth = "2015-06-15";
  const patient = await prisma.patient.create({
    data: {
      mrn: `8${randomDigits(7)}`,
      ...names,
      firstNameKey: nameKey(names.firstName),
      lastNameKey: nameKey(names.lastName),
      dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`),
      sex: "FEMALE",
      pcpId: provider.id,
    },
    select: { id: true, mrn: true },
  });
  await prisma.patientLink.create({ data: { accountId: family.id, patientId: patient.id, relationship: "GUARDIAN" } });
  const request = await prisma.accessRequest.create({
    data: { providerId: requester.id, patientId: patient.id, reason: "Murmur follow-up", pendingKey: `${requester.id}:${patient.id}`, expiresAt: new Date(Date.now() + 30 * 24 * 3_600_000) },
    select: { id: true },
  });

  const demoProvider = await prisma.provider.findUniqueOrThrow({ where: { email: "pcp@longwood.example" }, select: { id: true } });
  const demoFamily = await prisma.familyAccount.findUniqueOrThrow({ where: { email: "parent@family.example" }, select: { id: true } });
  return {
    tag,
    primaryCarePracticeId: primaryCare.id,
    specialtyPracticeId: specialty.id,
    provider,
    requester,
    family,
    patient: { ...patient, ...names, dateOfBirth },
    pendingRequestId: request.id,
    cookies: {
      provider: await sessionCookieHeader("mypatients", provider.id),
      family: await sessionCookieHeader("mychildren", family.id),
      demoProvider: await sessionCookieHeader("mypatients", demoProvider.id),
      demoFamily: await sessionCookieHeader("mychildren", demoFamily.id),
    },
  };
}
