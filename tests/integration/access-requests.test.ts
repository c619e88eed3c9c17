import { describe, expect, it } from "vitest";
import { ASK_AGAIN_AFTER_DENIAL_MS, requestAccess } from "@/lib/requests/create";
import { snapshotDatabase } from "../support/db-snapshot.ts";
import { createFamilyAccount, createGrant, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { hasPostgresServer } from "../support/test-database.ts";
import { useDatabase } from "../support/use-database.ts";

const realServer = await hasPostgresServer();

describe("Request Non-PCP access", () => {
  const db = useDatabase({ poolSize: 8 });

  async function scenario() {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const specialist = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id, dateOfBirth: "2012-01-15" });
    const guardian = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const self = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "SELF" }]);
    return { pcp, specialist, patient, guardian, self };
  }
  const ask = (providerId: string, mrn: string, reason = "", now?: Date) => requestAccess({ mrn, reason }, { providerId, now }, db.prisma);

  it("creates the request with its audit event and an email to every approver, in one go", async () => {
    const { specialist, patient, guardian, self } = await scenario();
    const outcome = await ask(specialist.id, patient.mrn, "Cardiology follow-up of a murmur");
    expect(outcome.ok).toBe(true);
    const requestId = outcome.ok ? outcome.requestId : "";
    const request = await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ status: "PENDING", reason: "Cardiology follow-up of a murmur", providerId: specialist.id, patientId: patient.id });
    expect(request.expiresAt.getTime() - request.createdAt.getTime()).toBe(30 * 86_400_000);
    const emails = await db.prisma.outboxEmail.findMany({ where: { template: "accessRequested" , props: { path: ["requestId"], equals: requestId } } });
    expect(emails.map((email) => email.to).sort()).toEqual([guardian.email, self.email].sort());
    expect(emails[0]!.subject).toBe("A provider asked to see a record in MyChildren's");
    expect(await db.prisma.auditEvent.count({ where: { action: "request.create", actorId: specialist.id, patientId: patient.id } })).toBe(1);
  });

  it("refuses a second request while one is pending, changing nothing", async () => {
    const { specialist, patient } = await scenario();
    expect((await ask(specialist.id, patient.mrn)).ok).toBe(true);
    const before = await snapshotDatabase(db.url, { except: ["AuditEvent"] });
    expect(await ask(specialist.id, patient.mrn)).toEqual({ ok: false, code: "PENDING", message: "An access request for this patient is already pending." });
    expect(await snapshotDatabase(db.url, { except: ["AuditEvent"] })).toEqual(before);
    // The refusal is audited: who, which patient, why.
    expect(await db.prisma.auditEvent.findMany({ where: { action: "request.create", actorId: specialist.id, outcome: "DENIED" }, select: { patientId: true, details: true } })).toEqual([
      { patientId: patient.id, details: { refused: "PENDING" } },
    ]);
  });

  // A race needs parallel connections: a real PostgreSQL server.
  it.runIf(realServer)("turns 50 simultaneous clicks into exactly one request and one set of emails", async () => {
    const { specialist, patient } = await scenario();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => ask(specialist.id, patient.mrn)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok).every((outcome) => !outcome.ok && outcome.code === "PENDING")).toBe(true);
    expect(await db.prisma.accessRequest.count({ where: { providerId: specialist.id, patientId: patient.id } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "request.create", actorId: specialist.id, outcome: "SUCCESS" } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "request.create", actorId: specialist.id, outcome: "DENIED" } })).toBe(49);
    const winner = outcomes.find((outcome) => outcome.ok);
    const requestId = winner?.ok ? winner.requestId : "";
    // One email to each of the two approvers, for the one request.
    expect(await db.prisma.outboxEmail.count({ where: { template: "accessRequested", props: { path: ["requestId"], equals: requestId } } })).toBe(2);
  });

  it("refuses a patient without approvers, one the provider can already see, and an unknown MRN, changing nothing", async () => {
    const { pcp, specialist, patient } = await scenario();
    const orphan = await createPatient(db.prisma, { pcpId: pcp.id });
    const adult = await createPatient(db.prisma, { pcpId: pcp.id, dateOfBirth: "2000-01-01" });
    await createFamilyAccount(db.prisma, [{ patientId: adult.id, relationship: "GUARDIAN" }]); // a guardian no longer approves at 18
    const before = await snapshotDatabase(db.url, { except: ["AuditEvent"] });
    expect(await ask(specialist.id, orphan.mrn)).toMatchObject({ ok: false, code: "NO_APPROVER", message: "This patient does not have a MyChildren's account" });
    expect(await ask(specialist.id, adult.mrn)).toMatchObject({ ok: false, code: "NO_APPROVER" });
    expect(await ask(pcp.id, patient.mrn)).toMatchObject({ ok: false, code: "ALREADY_AUTHORIZED" });
    expect(await ask(specialist.id, "9999999")).toMatchObject({ ok: false, code: "NOT_FOUND", message: "No matching patient found" });
    expect(await snapshotDatabase(db.url, { except: ["AuditEvent"] })).toEqual(before);
    const refusals = await db.prisma.auditEvent.findMany({ where: { action: "request.create", outcome: "DENIED", actorId: { in: [pcp.id, specialist.id] } }, orderBy: { id: "asc" }, select: { actorId: true, patientId: true, details: true } });
    expect(refusals).toEqual([
      { actorId: specialist.id, patientId: orphan.id, details: { refused: "NO_APPROVER" } },
      { actorId: specialist.id, patientId: adult.id, details: { refused: "NO_APPROVER" } },
      { actorId: pcp.id, patientId: patient.id, details: { refused: "ALREADY_AUTHORIZED" } },
      { actorId: specialist.id, patientId: null, details: { refused: "NOT_FOUND" } },
    ]);
  });

  it("refuses a provider who holds an active grant, and a disabled provider, as if the patient did not exist", async () => {
    const { specialist, patient } = await scenario();
    await createGrant(db.prisma, { providerId: specialist.id, patientId: patient.id });
    expect(await ask(specialist.id, patient.mrn)).toMatchObject({ ok: false, code: "ALREADY_AUTHORIZED" });
    const disabled = await createProvider(db.prisma, { status: "DISABLED" });
    expect(await ask(disabled.id, patient.mrn)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("lets a denied provider ask again only after 7 days", async () => {
    const { specialist, patient, guardian } = await scenario();
    const first = await ask(specialist.id, patient.mrn);
    const decidedAt = new Date();
    await db.prisma.accessRequest.update({ where: { id: first.ok ? first.requestId : "" }, data: { status: "DENIED", pendingKey: null, decidedAt, decidedById: guardian.id } });
    const soon = await ask(specialist.id, patient.mrn, "", new Date(decidedAt.getTime() + ASK_AGAIN_AFTER_DENIAL_MS - 60_000));
    expect(soon).toMatchObject({ ok: false, code: "RECENTLY_DENIED" });
    expect(soon.ok ? "" : soon.message).toMatch(/^Your last request was declined\. You can ask again on /);
    expect((await ask(specialist.id, patient.mrn, "", new Date(decidedAt.getTime() + ASK_AGAIN_AFTER_DENIAL_MS + 60_000))).ok).toBe(true);
  });

  it("expires a request left unanswered for 30 days, after which the provider may ask again", async () => {
    const { specialist, patient } = await scenario();
    const first = await ask(specialist.id, patient.mrn);
    const later = new Date(Date.now() + 31 * 86_400_000);
    const second = await ask(specialist.id, patient.mrn, "", later);
    expect(second.ok).toBe(true);
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: first.ok ? first.requestId : "" } })).status).toBe("EXPIRED");
  });
});
