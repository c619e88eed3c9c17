import { describe, expect, it, onTestFinished } from "vitest";
import { approvedMember, grantsHeldBy, viewableBy } from "@/lib/access";
import { getPatientRecord } from "@/lib/patients/record";
import { createGrant, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

describe("the patient record", () => {
  const db = useDatabase({ demo: true });
  const providerId = async (email: string) => (await db.prisma.provider.findUniqueOrThrow({ where: { email } })).id;

  it("opens for the PCP practice with every section, says why, and audits the view", async () => {
    const chen = await providerId("pcp@longwood.example");
    const record = await getPatientRecord("1000001", { providerId: chen }, db.prisma);
    expect(record?.patient).toMatchObject({ firstName: "Sofia", lastName: "Rivera" });
    for (const section of ["allergies", "medications", "problems", "immunizations", "visits", "labResults"] as const) {
      expect(record!.patient[section].length, section).toBeGreaterThan(0);
    }
    expect(record!.access).toEqual({ kind: "PCP_PRACTICE", practiceName: "Longwood Pediatrics" });
    const events = await db.prisma.auditEvent.findMany({ where: { action: "record.view", actorId: chen } });
    expect(events.map((event) => [event.outcome, event.patientId, event.details, event.actorType])).toEqual([["SUCCESS", record!.patient.id, {}, "PROVIDER"]]);
  });

  it("opens for a granted provider, showing the grant's source and end", async () => {
    const haddad = await providerId("cardio@fenway.example");
    const mateo = await db.prisma.patient.findUniqueOrThrow({ where: { mrn: "1000002" } });
    const endsAt = new Date(Date.now() + 90 * 86_400_000);
    await createGrant(db.prisma, { providerId: haddad, patientId: mateo.id, source: "TOKEN", endsAt });
    const record = await getPatientRecord("1000002", { providerId: haddad }, db.prisma);
    expect(record!.access).toMatchObject({ kind: "GRANT", source: "TOKEN", until: endsAt });
  });

  it("answers an outsider exactly as a record that does not exist, and audits the refusal", async () => {
    const ortiz = await providerId("derm@backbay.example");
    expect(await getPatientRecord("1000003", { providerId: ortiz }, db.prisma)).toBeNull();
    expect(await getPatientRecord("9999999", { providerId: ortiz }, db.prisma)).toBeNull();
    expect(await getPatientRecord("not-an-mrn", { providerId: ortiz }, db.prisma)).toBeNull();
    const refusals = await db.prisma.auditEvent.findMany({ where: { action: "record.view", actorId: ortiz }, orderBy: { id: "asc" } });
    expect(refusals.map((event) => [event.outcome, event.patientId, event.details])).toEqual([
      ["DENIED", null, { mrn: "1000003" }],
      ["DENIED", null, { mrn: "9999999" }],
      ["DENIED", null, { mrn: "not-an-mrn" }],
    ]);
  });

  it("closes for a disabled provider of the PCP practice", async () => {
    const practice = await db.prisma.practice.findUniqueOrThrow({ where: { name: "Longwood Pediatrics" } });
    const disabled = await createProvider(db.prisma, { practiceId: practice.id, status: "DISABLED" });
    expect(await getPatientRecord("1000001", { providerId: disabled.id }, db.prisma)).toBeNull();
  });

  it("reads, past Prisma, exactly the record Prisma's own query reads, for every provider and patient of the demo", async () => {
    // Grants, so that both access sentences are compared, and two in force at once: the one
    // without an end date is the one the sentence names.
    const mateo = await db.prisma.patient.findUniqueOrThrow({ where: { mrn: "1000002" } });
    const ortiz = await providerId("derm@backbay.example");
    await createGrant(db.prisma, { providerId: ortiz, patientId: mateo.id, source: "TOKEN", endsAt: new Date(Date.now() + 30 * 86_400_000) });
    await createGrant(db.prisma, { providerId: ortiz, patientId: mateo.id, source: "REQUEST", endsAt: null });
    // A provider whose membership of the PCP's practice waits for approval sees the record through
    // a grant, and is told so: the practice is not theirs yet.
    const sofia = await db.prisma.patient.findUniqueOrThrow({ where: { mrn: "1000001" }, include: { pcp: true } });
    const waiting = await createProvider(db.prisma, { practiceId: sofia.pcp.practiceId, membership: "PENDING" });
    await createGrant(db.prisma, { providerId: waiting.id, patientId: sofia.id, source: "TOKEN", endsAt: null });
    expect((await getPatientRecord("1000001", { providerId: waiting.id }, db.prisma))?.access).toMatchObject({ kind: "GRANT", source: "TOKEN" });
    const providers = await db.prisma.provider.findMany({ select: { id: true } });
    const patients = await db.prisma.patient.findMany({ select: { mrn: true } });
    let opened = 0;
    // In a zone eight hours from UTC: a date or time read in the server's zone would be off by that much.
    const zone = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    onTestFinished(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));
    for (const { id } of providers) {
      for (const { mrn } of patients) {
        const now = new Date();
        const expected = await db.prisma.patient.findFirst({
          where: { AND: [{ mrn }, viewableBy(id, now)] },
          select: {
            id: true,
            mrn: true,
            firstName: true,
            lastName: true,
            dateOfBirth: true,
            sex: true,
            pcp: { select: { fullName: true, practice: { select: { name: true, providers: { where: { id, ...approvedMember }, select: { id: true } } } } } },
            accessGrants: { where: grantsHeldBy(id, now), orderBy: [{ endsAt: { sort: "desc", nulls: "first" } }, { startsAt: "asc" }], select: { source: true, startsAt: true, endsAt: true }, take: 1 },
            allergies: { orderBy: { recordedOn: "desc" } },
            medications: { orderBy: { startedOn: "desc" } },
            problems: { orderBy: { onsetOn: "desc" } },
            immunizations: { orderBy: [{ administeredOn: "desc" }, { vaccine: "asc" }] },
            visits: { orderBy: { visitOn: "desc" } },
            labResults: { orderBy: [{ collectedOn: "desc" }, { test: "asc" }] },
          },
        });
        const record = await getPatientRecord(mrn, { providerId: id, now }, db.prisma);
        if (!expected) {
          expect(record, `${id} ${mrn}`).toBeNull();
          continue;
        }
        opened += 1;
        const { accessGrants, pcp, ...patient } = expected;
        expect(record?.patient, `${id} ${mrn}`).toEqual({ ...patient, pcp: { fullName: pcp.fullName, practice: { name: pcp.practice.name } } });
        const grant = accessGrants[0];
        expect(record?.access, `${id} ${mrn}`).toEqual(
          pcp.practice.providers.length > 0 ? { kind: "PCP_PRACTICE", practiceName: pcp.practice.name } : { kind: "GRANT", source: grant!.source, since: grant!.startsAt, until: grant!.endsAt },
        );
      }
    }
    expect(opened).toBeGreaterThan(3);
  });
});
