import { describe, expect, it } from "vitest";
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
    expect(await db.prisma.auditEvent.count({ where: { action: "record.view", actorId: chen, patientId: record!.patient.id, outcome: "SUCCESS" } })).toBe(1);
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
});
