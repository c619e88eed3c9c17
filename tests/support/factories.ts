// Test data with unique values per call, written straight to the database.
import { randomInt, randomUUID } from "node:crypto";
import type { AccessSource, LinkRelationship, MembershipRole, MembershipStatus, PrismaClient, ProviderStatus } from "@/lib/generated/prisma/client";
import { npiCheckDigit } from "@/lib/npi";
import { nameKey } from "@/lib/patients/names";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}${randomUUID().slice(0, 4)}`;

/**
 * Numbers below `size` that never repeat within this process (until `size` of them were drawn):
 * one after another from a random start. Processes writing to one database (the e2e workers) each
 * start at a random point, so they overlap only if two starts fall within a few hundred of each other.
 */
export function numberSequence(size: number): () => number {
  let next = randomInt(size);
  return () => {
    next = (next + 1) % size;
    return next;
  };
}

const nextNpi = numberSequence(100_000_000);
const nextMrn = numberSequence(4_999_999);

/** A valid NPI starting with 3 (demo and synthetic ones start with 1 and 2), unused in this process. */
export function uniqueNpi(): string {
  const base = `3${String(nextNpi()).padStart(8, "0")}`;
  return `${base}${npiCheckDigit(base)}`;
}

export function uniqueMrn(): string {
  return String(5_000_000 + nextMrn());
}

export async function createPractice(prisma: PrismaClient, kind: "PRIMARY_CARE" | "SPECIALTY" = "SPECIALTY", status: "ENROLLED" | "PENDING" = "ENROLLED") {
  return prisma.practice.create({ data: { name: `Practice ${unique()}`, kind, status, city: "Boston", phone: "617-555-0100" } });
}

/** A provider; by default active, with an approved membership of a new practice. */
export async function createProvider(
  prisma: PrismaClient,
  options: { practiceId?: string; status?: ProviderStatus; membership?: MembershipStatus; role?: MembershipRole; membershipEndedAt?: Date } = {},
) {
  const practiceId = options.practiceId ?? (await createPractice(prisma)).id;
  const id = unique();
  return prisma.provider.create({
    data: {
      fullName: `Dr. Test ${id}`,
      email: `provider-${id}@clinic.example`,
      npi: uniqueNpi(),
      passwordHash: "not-a-real-hash",
      status: options.status ?? "ACTIVE",
      emailVerifiedAt: options.status === "UNVERIFIED" ? null : new Date(),
      practiceId,
      membershipStatus: options.membership ?? "APPROVED",
      membershipRole: options.role ?? "MEMBER",
      membershipEndedAt: options.membershipEndedAt ?? null,
    },
  });
}

export async function createPatient(prisma: PrismaClient, options: { pcpId: string; dateOfBirth?: string; lastName?: string; firstName?: string }) {
  const lastName = options.lastName ?? `Testpatient${unique()}`;
  const firstName = options.firstName ?? "Alex";
  return prisma.patient.create({
    data: {
      mrn: uniqueMrn(),
      firstName,
      lastName,
      firstNameKey: nameKey(firstName),
      lastNameKey: nameKey(lastName),
      dateOfBirth: new Date(`${options.dateOfBirth ?? "2016-04-01"}T00:00:00Z`),
      sex: "UNKNOWN",
      pcpId: options.pcpId,
    },
  });
}

export async function createFamilyAccount(prisma: PrismaClient, links: { patientId: string; relationship: LinkRelationship }[] = []) {
  const id = unique();
  return prisma.familyAccount.create({
    data: {
      fullName: `Parent ${id}`,
      email: `family-${id}@family.example`,
      passwordHash: "not-a-real-hash",
      links: { create: links },
    },
  });
}

export async function createGrant(
  prisma: PrismaClient,
  options: { providerId: string; patientId: string; source?: AccessSource; startsAt?: Date; endsAt?: Date | null; revokedAt?: Date | null },
) {
  return prisma.accessGrant.create({
    data: {
      providerId: options.providerId,
      patientId: options.patientId,
      source: options.source ?? "REQUEST",
      startsAt: options.startsAt ?? new Date(Date.now() - 60_000),
      endsAt: options.endsAt ?? null,
      revokedAt: options.revokedAt ?? null,
    },
  });
}
