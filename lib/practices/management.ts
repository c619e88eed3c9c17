// What site administrators see of their practice (SPEC §4, "Manage [practice name]"), and what a
// provider is told about their own membership while it is not approved.
import { approvedMember, practiceAdministeredBy, siteAdministratorsOf, waitingMember } from "@/lib/access";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { confirmationDue } from "@/lib/practices/memberships";

const person = { id: true, fullName: true, email: true, npi: true, createdAt: true, membershipStatus: true, membershipRole: true, membershipDecidedAt: true } as const;

/** The practice `adminId` administers, with who waits and who is a member; null for anyone else. */
export async function practiceForAdmin(adminId: string, prisma: PrismaClient = db()) {
  const practice = await prisma.practice.findFirst({
    where: practiceAdministeredBy(adminId),
    select: {
      id: true,
      name: true,
      city: true,
      phone: true,
      createdAt: true,
      membersConfirmedAt: true,
      // Who waits (with a verified email), and the members in force.
      providers: { where: { OR: [waitingMember, approvedMember] }, select: person, orderBy: [{ membershipRole: "desc" }, { fullName: "asc" }] },
    },
  });
  if (!practice) return null;
  const { providers, ...rest } = practice;
  return {
    ...rest,
    confirmationDue: confirmationDue(practice.membersConfirmedAt, practice.createdAt),
    waiting: providers.filter((provider) => provider.membershipStatus === "PENDING").sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    members: providers.filter((provider) => provider.membershipStatus === "APPROVED"),
  };
}

export type ManagedPractice = NonNullable<Awaited<ReturnType<typeof practiceForAdmin>>>;

/** For a provider whose membership is not approved: their practice, and who would approve them. */
export async function membershipOf(providerId: string, prisma: PrismaClient = db()) {
  const provider = await prisma.provider.findUnique({
    where: { id: providerId },
    select: { membershipStatus: true, membershipEndedAt: true, practice: { select: { id: true, name: true, status: true } } },
  });
  if (!provider) return null;
  const admins = provider.practice.status === "ENROLLED" ? await prisma.provider.findMany({ where: siteAdministratorsOf(provider.practice.id), select: { fullName: true }, orderBy: { fullName: "asc" } }) : [];
  return { practiceName: provider.practice.name, practiceEnrolled: provider.practice.status === "ENROLLED", siteAdministrators: admins.map((admin) => admin.fullName) };
}
