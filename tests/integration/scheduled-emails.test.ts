import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { tidy } from "@/lib/maintenance";
import { sendScheduledNotices } from "@/lib/notices";
import { requestAccess } from "@/lib/requests/create";
import { createFamilyAccount, createGrant, createPatient, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const DAY = 86_400_000;

describe("scheduled emails (SPEC §6): each exactly once, however many instances run", () => {
  const db = useDatabase({ poolSize: 4 });
  /** A second app instance: its own client and pool on the same database. */
  let other: PrismaClient;
  beforeAll(() => {
    other = createPrismaClient(db.url, 4);
  });
  afterAll(async () => {
    await other?.$disconnect();
  });
  beforeEach(async () => {
    await db.prisma.outboxEmail.deleteMany();
  });

  async function sent(template: string, to?: string) {
    return db.prisma.outboxEmail.findMany({ where: { template, ...(to ? { to } : {}) }, select: { to: true, props: true } });
  }

  /** Both instances at once, then both again: the work of one pass, done once. */
  async function runEverywhere(now: Date) {
    await Promise.all([tidy(db.prisma, now), tidy(other, now), sendScheduledNotices(other, now)]);
    await Promise.all([tidy(other, now), tidy(db.prisma, now)]);
  }

  async function patientWithFamily() {
    const pcp = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id });
    const mother = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const father = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    return { patient, approvers: [mother.email, father.email].sort() };
  }

  it("reminds every approver once, 7 days before an unanswered request expires, and not earlier", async () => {
    const { patient, approvers } = await patientWithFamily();
    const provider = await createProvider(db.prisma);
    const asked = new Date();
    const outcome = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: provider.id, now: asked }, db.prisma);
    if (!outcome.ok) throw new Error(outcome.message);

    await runEverywhere(new Date(asked.getTime() + 22 * DAY));
    expect(await sent("requestReminder")).toEqual([]);

    await runEverywhere(new Date(asked.getTime() + 23 * DAY + 60_000));
    const reminders = await sent("requestReminder");
    expect(reminders.map((email) => email.to).sort()).toEqual(approvers);
    expect(reminders[0]!.props).toMatchObject({ requestId: outcome.requestId, providerName: provider.fullName });

    await runEverywhere(new Date(asked.getTime() + 25 * DAY));
    expect(await sent("requestReminder")).toHaveLength(2);
  });

  it("tells the provider once that their request expired, and marks it EXPIRED", async () => {
    const { patient } = await patientWithFamily();
    const provider = await createProvider(db.prisma);
    const asked = new Date();
    const outcome = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: provider.id, now: asked }, db.prisma);
    if (!outcome.ok) throw new Error(outcome.message);

    await runEverywhere(new Date(asked.getTime() + 29 * DAY));
    expect(await sent("requestExpired")).toEqual([]);

    const later = new Date(asked.getTime() + 30 * DAY + 60_000);
    await runEverywhere(later);
    await runEverywhere(new Date(later.getTime() + DAY));
    expect(await sent("requestExpired", provider.email)).toEqual([{ to: provider.email, props: {} }]);
    expect(await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: outcome.requestId } })).toMatchObject({ status: "EXPIRED", pendingKey: null });
  });

  it("tells the provider once when a request that a page already marked EXPIRED ran out", async () => {
    const { patient } = await patientWithFamily();
    const provider = await createProvider(db.prisma);
    const asked = new Date(Date.now() - 31 * DAY);
    const outcome = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: provider.id, now: asked }, db.prisma);
    if (!outcome.ok) throw new Error(outcome.message);
    // A read (My access requests, the family's page) marks it EXPIRED without any email.
    await db.prisma.accessRequest.update({ where: { id: outcome.requestId }, data: { status: "EXPIRED", pendingKey: null } });

    await runEverywhere(new Date());
    expect(await sent("requestExpired", provider.email)).toHaveLength(1);
  });

  it("sends no reminder and no expiry notice for a request that was cancelled", async () => {
    const { patient } = await patientWithFamily();
    const provider = await createProvider(db.prisma);
    const asked = new Date();
    const outcome = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: provider.id, now: asked }, db.prisma);
    if (!outcome.ok) throw new Error(outcome.message);
    await db.prisma.accessRequest.update({ where: { id: outcome.requestId }, data: { status: "CANCELLED", pendingKey: null } });
    await runEverywhere(new Date(asked.getTime() + 24 * DAY));
    await runEverywhere(new Date(asked.getTime() + 31 * DAY));
    expect([...(await sent("requestReminder")), ...(await sent("requestExpired"))]).toEqual([]);
  });

  it("tells the provider once, 14 days before a grant's end date, when it ends", async () => {
    const { patient } = await patientWithFamily();
    const provider = await createProvider(db.prisma);
    const now = new Date();
    const endsAt = new Date(now.getTime() + 30 * DAY);
    await createGrant(db.prisma, { providerId: provider.id, patientId: patient.id, endsAt });

    await runEverywhere(new Date(now.getTime() + 15 * DAY));
    expect(await sent("accessEnding")).toEqual([]);

    await runEverywhere(new Date(now.getTime() + 16 * DAY + 60_000));
    await runEverywhere(new Date(now.getTime() + 20 * DAY));
    expect(await sent("accessEnding")).toEqual([{ to: provider.email, props: { endsAt: endsAt.toISOString() } }]);
  });

  it("writes a grant that reached its end date to Record activity once, and never a revoked one", async () => {
    const { patient } = await patientWithFamily();
    const provider = await createProvider(db.prisma);
    const now = new Date();
    const grant = await createGrant(db.prisma, { providerId: provider.id, patientId: patient.id, endsAt: new Date(now.getTime() + DAY) });
    await createGrant(db.prisma, { providerId: provider.id, patientId: patient.id, endsAt: new Date(now.getTime() + DAY), revokedAt: now });

    await runEverywhere(now);
    expect(await db.prisma.auditEvent.count({ where: { action: "grant.expire", patientId: patient.id } })).toBe(0);

    await runEverywhere(new Date(now.getTime() + 2 * DAY));
    await runEverywhere(new Date(now.getTime() + 3 * DAY));
    const events = await db.prisma.auditEvent.findMany({ where: { action: "grant.expire", patientId: patient.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "SYSTEM", outcome: "SUCCESS", details: expect.objectContaining({ grantId: grant.id, providerId: provider.id }) });
  });
});
