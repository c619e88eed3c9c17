import { describe, expect, it } from "vitest";
import { decideRequest } from "@/lib/requests/decide";
import { endedAccess, recordsSharedWith } from "@/lib/grants/shared";
import { pendingRequests } from "@/lib/family/views";
import { cancelInput, cancelRequest, CANCEL_NOT_FOUND, CANCEL_NOT_PENDING } from "@/lib/requests/cancel";
import { requestAccess } from "@/lib/requests/create";
import { createFamilyAccount, createGrant, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const DAY = 86_400_000;

describe("Records shared with me, ended access, and cancelled requests", () => {
  const db = useDatabase();

  async function patient() {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const created = await createPatient(db.prisma, { pcpId: pcp.id });
    const guardian = await createFamilyAccount(db.prisma, [{ patientId: created.id, relationship: "GUARDIAN" }]);
    return { patient: created, guardian };
  }

  it("lists the grants in force with how they came about, and those ended in the last 90 days with when and why", async () => {
    const now = new Date("2026-12-02T15:00:00Z");
    const provider = await createProvider(db.prisma);
    const [token, request, revoked, ended, longAgo, notYet] = await Promise.all([patient(), patient(), patient(), patient(), patient(), patient()]);
    await createGrant(db.prisma, { providerId: provider.id, patientId: token.patient.id, source: "TOKEN", startsAt: new Date(now.getTime() - DAY) });
    await createGrant(db.prisma, { providerId: provider.id, patientId: request.patient.id, startsAt: new Date(now.getTime() - 2 * DAY), endsAt: new Date(now.getTime() + 60 * DAY) });
    await createGrant(db.prisma, { providerId: provider.id, patientId: revoked.patient.id, startsAt: new Date(now.getTime() - 50 * DAY), revokedAt: new Date(now.getTime() - 3 * DAY) });
    await createGrant(db.prisma, { providerId: provider.id, patientId: ended.patient.id, startsAt: new Date(now.getTime() - 50 * DAY), endsAt: new Date(now.getTime() - 10 * DAY) });
    await createGrant(db.prisma, { providerId: provider.id, patientId: longAgo.patient.id, startsAt: new Date(now.getTime() - 200 * DAY), endsAt: new Date(now.getTime() - 91 * DAY) });
    await createGrant(db.prisma, { providerId: provider.id, patientId: notYet.patient.id, startsAt: new Date(now.getTime() + DAY) });
    // Someone else's grant never shows.
    await createGrant(db.prisma, { providerId: (await createProvider(db.prisma)).id, patientId: token.patient.id, revokedAt: new Date(now.getTime() - DAY), startsAt: new Date(now.getTime() - 5 * DAY) });

    const { current, ended: endedList } = await recordsSharedWith(provider.id, now, db.prisma);
    expect(current.map((grant) => [grant.patient.mrn, grant.source, grant.endsAt])).toEqual([
      [token.patient.mrn, "TOKEN", null],
      [request.patient.mrn, "REQUEST", new Date(now.getTime() + 60 * DAY)],
    ]);
    expect(endedList.map((grant) => [grant.patient.mrn, grant.why, grant.endedAt])).toEqual([
      [revoked.patient.mrn, "REVOKED", new Date(now.getTime() - 3 * DAY)],
      [ended.patient.mrn, "ENDED", new Date(now.getTime() - 10 * DAY)],
    ]);
  });

  it("explains an ending only to the provider who held the grant; to anyone else the record does not exist", async () => {
    const now = new Date();
    const former = await createProvider(db.prisma);
    const stranger = await createProvider(db.prisma);
    const { patient: ended } = await patient();
    await createGrant(db.prisma, { providerId: former.id, patientId: ended.id, startsAt: new Date(now.getTime() - 20 * DAY), endsAt: new Date(now.getTime() - 2 * DAY) });

    expect(await endedAccess(former.id, ended.mrn, now, db.prisma)).toEqual({ firstName: ended.firstName, lastName: ended.lastName, mrn: ended.mrn, endedAt: new Date(now.getTime() - 2 * DAY) });
    expect(await endedAccess(stranger.id, ended.mrn, now, db.prisma)).toBeNull();
    expect(await endedAccess(former.id, "9999999999", now, db.prisma)).toBeNull();
    expect(await endedAccess(former.id, "not-an-mrn", now, db.prisma)).toBeNull();
    // Access given again: the record opens, so there is no ending to explain.
    await createGrant(db.prisma, { providerId: former.id, patientId: ended.id, startsAt: new Date(now.getTime() - DAY) });
    expect(await endedAccess(former.id, ended.mrn, now, db.prisma)).toBeNull();
  });

  it("cancels the provider's own pending request: CANCELLED, off the family's list, and no longer decidable", async () => {
    const { patient: created, guardian } = await patient();
    const provider = await createProvider(db.prisma);
    const outcome = await requestAccess({ mrn: created.mrn, reason: "" }, { providerId: provider.id }, db.prisma);
    if (!outcome.ok) throw new Error(outcome.message);
    expect((await pendingRequests(guardian.id, new Date(), db.prisma)).map((request) => request.id)).toEqual([outcome.requestId]);

    // Another provider cannot cancel it: it reads as not found.
    const other = await createProvider(db.prisma);
    expect(await cancelRequest({ requestId: outcome.requestId }, { providerId: other.id }, db.prisma)).toEqual({ ok: false, code: "NOT_FOUND", message: CANCEL_NOT_FOUND });

    expect(await cancelRequest({ requestId: outcome.requestId }, { providerId: provider.id }, db.prisma)).toEqual({ ok: true });
    expect(await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: outcome.requestId } })).toMatchObject({ status: "CANCELLED", pendingKey: null });
    expect(await pendingRequests(guardian.id, new Date(), db.prisma)).toEqual([]);
    expect(await decideRequest({ requestId: outcome.requestId, decision: "approve", accessEnds: "none" }, { accountId: guardian.id }, db.prisma)).toMatchObject({ ok: false, message: "The provider cancelled this request" });
    expect(await cancelRequest({ requestId: outcome.requestId }, { providerId: provider.id }, db.prisma)).toEqual({ ok: false, code: "NOT_PENDING", message: CANCEL_NOT_PENDING });
    expect(await db.prisma.auditEvent.count({ where: { action: "request.cancel", actorId: provider.id, outcome: "SUCCESS" } })).toBe(1);
    // The provider may ask again at once.
    expect(await requestAccess({ mrn: created.mrn, reason: "" }, { providerId: provider.id }, db.prisma)).toMatchObject({ ok: true });
  });

  it("refuses a request id that is not an id with the not-found message", () => {
    const parsed = cancelInput.safeParse({ requestId: "'; DROP TABLE x; --" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe(CANCEL_NOT_FOUND);
  });
});
