// What the staff console shows (SPEC §5b). Every page view writes its audit event before the page
// gets anything to show (SPEC §7; HIPAA §164.312(b)), named by the page and what was asked.
// Changes go through the hospital functions of lib/practices/ and lib/family/hospital.ts.
import { accountsLinkedToMrn } from "@/lib/access";
import { recordAudit, type RequestMetadata } from "@/lib/audit/record";
import type { StaffPrincipal } from "@/lib/auth/session-store";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { waitingForHospital } from "@/lib/practices/hospital";
import { confirmationDue } from "@/lib/practices/memberships";

/** The console's pages, as named in their audit events. */
export type StaffPage = "home" | "providers" | "provider" | "practices" | "families" | "audit";

/** Records that `staff` opened `page` (with what they asked for); called before the page reads anything. */
export async function recordStaffView(staff: StaffPrincipal, page: StaffPage, details: Prisma.InputJsonObject, request: RequestMetadata, prisma: PrismaClient = db()): Promise<void> {
  await prisma.$transaction((tx) => recordAudit(tx, { actor: { type: "STAFF", id: staff.email }, action: "staff.view", outcome: "SUCCESS", details: { page, ...details }, request }));
}

/** Records that `staff` downloaded the audit log as CSV, with the filters they used. */
export async function recordAuditExport(staff: StaffPrincipal, filters: Prisma.InputJsonObject, request: RequestMetadata, prisma: PrismaClient = db()): Promise<void> {
  await prisma.$transaction((tx) => recordAudit(tx, { actor: { type: "STAFF", id: staff.email }, action: "staff.audit_export", outcome: "SUCCESS", details: { filters }, request }));
}

/** The console's home: what waits for the hospital, each a count linking to its list. */
export async function consoleCounts(prisma: PrismaClient = db(), now = new Date()) {
  const [{ newPractices, withoutAdmin }, pendingPractices, enrolled] = await Promise.all([
    waitingForHospital(prisma),
    prisma.practice.count({ where: { status: "PENDING" } }),
    prisma.practice.findMany({ where: { status: "ENROLLED" }, select: { membersConfirmedAt: true, createdAt: true } }),
  ]);
  const waitingProviders = [...newPractices, ...withoutAdmin].reduce((sum, practice) => sum + practice.providers.length, 0);
  const overdueConfirmations = enrolled.filter((practice) => confirmationDue(practice.membersConfirmedAt, practice.createdAt) <= now).length;
  return { waitingProviders, pendingPractices, overdueConfirmations };
}

export const PROVIDER_MATCHES = 25;

/** Providers whose name or email contains `query`, or whose NPI is `query` (at most PROVIDER_MATCHES). */
export async function searchProviders(query: string, prisma: PrismaClient = db()) {
  const text = query.trim();
  if (text.length < 2) return [];
  return prisma.provider.findMany({
    where: { OR: [{ fullName: { contains: text, mode: "insensitive" } }, { email: { contains: text.toLowerCase() } }, ...(/^\d{10}$/.test(text) ? [{ npi: text }] : [])] },
    select: { id: true, fullName: true, email: true, npi: true, status: true, membershipStatus: true, membershipEndedAt: true, practice: { select: { name: true } } },
    orderBy: { fullName: "asc" },
    take: PROVIDER_MATCHES,
  });
}

export const RECENT_EVENTS = 20;

/** One provider, for /staff/providers/[id]: details, membership, and their recent audit events. */
export async function providerForStaff(providerId: string, prisma: PrismaClient = db()) {
  const provider = await prisma.provider.findUnique({
    where: { id: providerId },
    select: {
      id: true,
      fullName: true,
      email: true,
      npi: true,
      status: true,
      emailVerifiedAt: true,
      disabledAt: true,
      createdAt: true,
      membershipStatus: true,
      membershipRole: true,
      membershipDecidedAt: true,
      membershipDecidedByStaff: true,
      membershipDecidedBy: { select: { fullName: true } },
      membershipEndedAt: true,
      practice: { select: { id: true, name: true, status: true, city: true } },
    },
  });
  if (!provider) return null;
  // What they did, and what was done to them.
  const events = await prisma.auditEvent.findMany({
    where: { OR: [{ actorType: "PROVIDER", actorId: provider.id }, { details: { path: ["providerId"], equals: provider.id } }] },
    orderBy: { id: "desc" },
    take: RECENT_EVENTS,
    select: { id: true, occurredAt: true, actorType: true, actorId: true, action: true, outcome: true },
  });
  return { ...provider, events };
}

/** Enrolled and pending practices, with when each member list was last confirmed and is due. */
export async function practicesForStaff(prisma: PrismaClient = db(), now = new Date()) {
  const practices = await prisma.practice.findMany({
    select: { id: true, name: true, kind: true, status: true, city: true, phone: true, createdAt: true, enrolledAt: true, membersConfirmedAt: true, _count: { select: { providers: true } } },
    orderBy: [{ status: "desc" }, { name: "asc" }],
  });
  return practices.map((practice) => {
    const due = practice.status === "ENROLLED" ? confirmationDue(practice.membersConfirmedAt, practice.createdAt) : null;
    return { ...practice, providerCount: practice._count.providers, confirmationDue: due, overdue: due !== null && due <= now };
  });
}

export const FAMILY_MATCHES = 25;

/** MyChildren's accounts by email (exact, or containing it) or by a linked patient's MRN, with their links. */
export async function searchFamilies(query: { email?: string; mrn?: string }, prisma: PrismaClient = db()) {
  const where: Prisma.FamilyAccountWhereInput[] = [];
  if (query.email) where.push({ email: { contains: query.email.toLowerCase() } });
  if (query.mrn) where.push(accountsLinkedToMrn(query.mrn));
  if (where.length === 0) return [];
  return prisma.familyAccount.findMany({
    where: { AND: where },
    select: {
      id: true,
      fullName: true,
      email: true,
      status: true,
      disabledAt: true,
      links: {
        select: { id: true, relationship: true, createdAt: true, endedAt: true, endedReason: true, patient: { select: { mrn: true, firstName: true, lastName: true, dateOfBirth: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: { email: "asc" },
    take: FAMILY_MATCHES,
  });
}
