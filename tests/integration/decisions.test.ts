import { describe, expect, it } from "vitest";
import { revokeGrant } from "@/lib/grants/revoke";
import { getPatientRecord } from "@/lib/patients/record";
import { requestAccess } from "@/lib/requests/create";
import { decideRequest, decisionInput } from "@/lib/requests/decide";
import { snapshotDatabase } from "../support/db-snapshot.ts";
import { createFamilyAccount, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { hasPostgresServer } from "../support/test-database.ts";
import { useDatabase } from "../support/use-database.ts";

// Races need parallel connections: a real PostgreSQL server.
const realServer = await hasPostgresServer();

describe("deciding access requests and revoking access", () => {
  const db = useDatabase({ poolSize: 10 });

  async function pendingRequest() {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const specialist = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id, dateOfBirth: "2012-05-05" });
    const guardian = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const otherGuardian = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const outcome = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: specialist.id }, db.prisma);
    if (!outcome.ok) throw new Error(outcome.message);
    return { specialist, patient, guardian, otherGuardian, requestId: outcome.requestId };
  }
  const approve = (requestId: string, accountId: string, accessEnds: "none" | "3m" | "6m" | "1y" = "6m", now?: Date) =>
    decideRequest({ decision: "approve", requestId, accessEnds }, { accountId, now }, db.prisma);
  const deny = (requestId: string, accountId: string) => decideRequest({ decision: "deny", requestId, reason: "Not needed" }, { accountId }, db.prisma);

  it("approval creates a grant for the chosen period, audits it and emails the provider; the record then opens", async () => {
    const { specialist, patient, guardian, requestId } = await pendingRequest();
    const now = new Date("2026-11-25T12:00:00Z");
    expect(await approve(requestId, guardian.id, "6m", now)).toEqual({ ok: true, decision: "approve" });
    const grant = await db.prisma.accessGrant.findUniqueOrThrow({ where: { requestId } });
    expect(grant).toMatchObject({ providerId: specialist.id, patientId: patient.id, source: "REQUEST", grantedById: guardian.id, startsAt: now, endsAt: new Date("2027-05-25T12:00:00Z") });
    expect(await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "APPROVED", decidedById: guardian.id, pendingKey: null });
    expect(await db.prisma.outboxEmail.count({ where: { to: specialist.email, subject: "Your access request was approved" } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { actorId: guardian.id, action: { in: ["request.approve", "grant.create"] } } })).toBe(2);
    expect(await getPatientRecord(patient.mrn, { providerId: specialist.id, now: new Date("2027-01-01T00:00:00Z") }, db.prisma)).not.toBeNull();
    expect(await getPatientRecord(patient.mrn, { providerId: specialist.id, now: new Date("2027-05-26T00:00:00Z") }, db.prisma)).toBeNull();
  });

  it("denial records the reason and emails the provider, with no grant", async () => {
    const { specialist, guardian, requestId } = await pendingRequest();
    expect(await deny(requestId, guardian.id)).toEqual({ ok: true, decision: "deny" });
    expect(await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "DENIED", decisionReason: "Not needed" });
    expect(await db.prisma.accessGrant.count({ where: { requestId } })).toBe(0);
    expect(await db.prisma.outboxEmail.count({ where: { to: specialist.email, subject: "Your access request was declined" } })).toBe(1);
  });

  it("is decided once: a second decision by anyone is refused with 'This request was already answered' and changes nothing", async () => {
    const { guardian, otherGuardian, requestId } = await pendingRequest();
    expect((await approve(requestId, guardian.id)).ok).toBe(true);
    const before = await snapshotDatabase(db.url, { except: ["AuditEvent"] });
    for (const second of [approve(requestId, guardian.id), deny(requestId, otherGuardian.id), approve(requestId, otherGuardian.id, "1y")]) {
      expect(await second).toEqual({ ok: false, code: "ALREADY_ANSWERED", message: "This request was already answered" });
    }
    expect(await snapshotDatabase(db.url, { except: ["AuditEvent"] })).toEqual(before);
    // Each refused decision is audited: who tried, on which request, why it was refused.
    const refused = await db.prisma.auditEvent.findMany({ where: { outcome: "DENIED", details: { path: ["requestId"], equals: requestId } }, orderBy: { id: "asc" }, select: { action: true, actorId: true, details: true } });
    expect(refused).toHaveLength(3);
    expect(refused).toEqual(expect.arrayContaining([
      { action: "request.approve", actorId: guardian.id, details: { requestId, refused: "ALREADY_ANSWERED" } },
      { action: "request.deny", actorId: otherGuardian.id, details: { requestId, refused: "ALREADY_ANSWERED" } },
      { action: "request.approve", actorId: otherGuardian.id, details: { requestId, refused: "ALREADY_ANSWERED" } },
    ]));
  });

  it.runIf(realServer)("turns 50 parallel approvals and denials into exactly one decision, one grant at most and one email", async () => {
    const { specialist, guardian, otherGuardian, requestId } = await pendingRequest();
    const attempts = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? approve(requestId, i % 4 === 0 ? guardian.id : otherGuardian.id) : deny(requestId, guardian.id)));
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code === "ALREADY_ANSWERED")).toHaveLength(49);
    const request = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(["APPROVED", "DENIED"]).toContain(request.status);
    expect(await db.prisma.accessGrant.count({ where: { requestId } })).toBe(request.status === "APPROVED" ? 1 : 0);
    expect(await db.prisma.outboxEmail.count({ where: { to: specialist.email } })).toBe(1);
  });

  it("answers 'not found' to anyone who is not an approver of the patient, changing nothing", async () => {
    const { requestId } = await pendingRequest();
    const stranger = await createFamilyAccount(db.prisma);
    const before = await snapshotDatabase(db.url, { except: ["AuditEvent"] });
    expect(await approve(requestId, stranger.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await deny(requestId, stranger.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await snapshotDatabase(db.url, { except: ["AuditEvent"] })).toEqual(before);
    // Audited without naming the patient to someone who may not know of them.
    expect(await db.prisma.auditEvent.findMany({ where: { actorId: stranger.id }, orderBy: { id: "asc" }, select: { action: true, outcome: true, patientId: true, details: true } })).toEqual([
      { action: "request.approve", outcome: "DENIED", patientId: null, details: { requestId, refused: "NOT_FOUND" } },
      { action: "request.deny", outcome: "DENIED", patientId: null, details: { requestId, refused: "NOT_FOUND" } },
    ]);
  });

  it("lets the patient's own account decide from age 13, not before", async () => {
    const { requestId, patient } = await pendingRequest(); // the patient is 14
    const teen = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "SELF" }]);
    const child = await createPatient(db.prisma, { pcpId: patient.pcpId, dateOfBirth: "2016-01-01" });
    const childSelf = await createFamilyAccount(db.prisma, [{ patientId: child.id, relationship: "SELF" }]);
    await createFamilyAccount(db.prisma, [{ patientId: child.id, relationship: "GUARDIAN" }]);
    const childRequest = await requestAccess({ mrn: child.mrn, reason: "" }, { providerId: (await createProvider(db.prisma)).id }, db.prisma);
    if (!childRequest.ok) throw new Error(childRequest.message);
    expect(await approve(childRequest.requestId, childSelf.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await approve(requestId, teen.id)).ok).toBe(true);
  });

  it("refuses to decide a request whose 30 days ran out, and marks it expired", async () => {
    const { guardian, requestId } = await pendingRequest();
    const outcome = await approve(requestId, guardian.id, "3m", new Date(Date.now() + 31 * 86_400_000));
    expect(outcome).toMatchObject({ ok: false, code: "EXPIRED" });
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("EXPIRED");
  });

  it("validates the decision form", () => {
    expect(decisionInput.safeParse({ decision: "approve", requestId: "nope", accessEnds: "6m" }).success).toBe(false);
    expect(decisionInput.safeParse({ decision: "approve", requestId: crypto.randomUUID(), accessEnds: "forever" }).success).toBe(false);
    expect(decisionInput.safeParse({ decision: "deny", requestId: crypto.randomUUID(), reason: "x".repeat(501) }).success).toBe(false);
    expect(decisionInput.safeParse({ decision: "maybe", requestId: crypto.randomUUID() }).success).toBe(false);
  });

  it("revocation takes effect on the provider's very next read, audits it and emails the provider once; revoking again is refused", async () => {
    const { specialist, patient, guardian, otherGuardian, requestId } = await pendingRequest();
    await approve(requestId, guardian.id, "none");
    expect(await getPatientRecord(patient.mrn, { providerId: specialist.id }, db.prisma)).not.toBeNull();
    const grant = await db.prisma.accessGrant.findUniqueOrThrow({ where: { requestId } });

    expect(await revokeGrant(grant.id, { accountId: guardian.id }, db.prisma)).toEqual({ ok: true });
    expect(await getPatientRecord(patient.mrn, { providerId: specialist.id }, db.prisma)).toBeNull();
    expect(await revokeGrant(grant.id, { accountId: otherGuardian.id }, db.prisma)).toEqual({ ok: false, message: "This access had already ended." });
    expect(await db.prisma.outboxEmail.count({ where: { to: specialist.email, subject: "Your access to a patient record has ended" } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "grant.revoke", patientId: patient.id } })).toBe(1);
  });

  it.runIf(realServer)("turns 50 revocations at once (both guardians, double clicks) into one, with one email and one event", async () => {
    const { specialist, patient, guardian, otherGuardian, requestId } = await pendingRequest();
    await approve(requestId, guardian.id, "none");
    const grant = await db.prisma.accessGrant.findUniqueOrThrow({ where: { requestId } });

    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => revokeGrant(grant.id, { accountId: i % 2 ? guardian.id : otherGuardian.id }, db.prisma)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual(Array.from({ length: 49 }, () => ({ ok: false, message: "This access had already ended." })));
    expect(await getPatientRecord(patient.mrn, { providerId: specialist.id }, db.prisma)).toBeNull();
    expect(await db.prisma.outboxEmail.count({ where: { to: specialist.email, subject: "Your access to a patient record has ended" } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "grant.revoke", patientId: patient.id } })).toBe(1);
  });

  it("lets only the patient's approvers revoke", async () => {
    const { guardian, requestId } = await pendingRequest();
    await approve(requestId, guardian.id);
    const grant = await db.prisma.accessGrant.findUniqueOrThrow({ where: { requestId } });
    const stranger = await createFamilyAccount(db.prisma);
    expect(await revokeGrant(grant.id, { accountId: stranger.id }, db.prisma)).toEqual({ ok: false, message: "This access was not found." });
    expect((await db.prisma.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).revokedAt).toBeNull();
  });
});
