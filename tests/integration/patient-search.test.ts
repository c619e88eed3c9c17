import { describe, expect, it } from "vitest";
import { searchInput, searchPatients } from "@/lib/patients/search";
import { createFamilyAccount, createGrant, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

describe("Patient Selection search", () => {
  const db = useDatabase();

  const form = (values: Partial<Record<"mrn" | "lastName" | "firstName" | "dateOfBirth", string>>) => ({ mrn: "", lastName: "", firstName: "", dateOfBirth: "", ...values });
  const search = (providerId: string, values: Parameters<typeof form>[0]) => searchPatients(searchInput.parse(form(values)), { providerId }, db.prisma);

  it.each([
    [{}, "Search by MRN, or by last name and date of birth."],
    [{ lastName: "Rivera" }, "Search by MRN, or by last name and date of birth."],
    [{ dateOfBirth: "2018-03-14" }, "Search by MRN, or by last name and date of birth."],
    [{ firstName: "Sofia", dateOfBirth: "2018-03-14" }, "Search by MRN, or by last name and date of birth."],
    [{ mrn: "10000O1" }, "Enter the MRN as digits only."],
    [{ lastName: "Rivera", dateOfBirth: "2018-02-30" }, "Enter a real date of birth."],
    [{ lastName: "Rivera", dateOfBirth: "2999-01-01" }, "The date of birth cannot be in the future."],
    [{ lastName: "x".repeat(101), dateOfBirth: "2018-03-14" }, "Use at most 100 characters."],
  ])("refuses %j with a clear message", (values, message) => {
    const result = searchInput.safeParse(form(values));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.message)).toContain(message);
  });

  it("finds by exact MRN, and by last name + date of birth ignoring case and accents, first name optional", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const patient = await createPatient(db.prisma, { pcpId: pcp.id, lastName: "Núñez-Søndergaard", firstName: "Zoë", dateOfBirth: "2015-06-01" });
    await createPatient(db.prisma, { pcpId: pcp.id, lastName: "Núñez-Søndergaard", firstName: "Mateo", dateOfBirth: "2015-06-01" });

    expect((await search(pcp.id, { mrn: patient.mrn })).map((r) => r.mrn)).toEqual([patient.mrn]);
    expect(await search(pcp.id, { mrn: patient.mrn.slice(0, 5) })).toEqual([]);
    const byName = await search(pcp.id, { lastName: "nunez-sondergaard", dateOfBirth: "2015-06-01" });
    expect(byName.map((r) => r.firstName)).toEqual(["Mateo", "Zoë"]);
    const withFirst = await search(pcp.id, { lastName: "NÚÑEZ-SØNDERGAARD", firstName: "zoe", dateOfBirth: "2015-06-01" });
    expect(withFirst).toEqual([{ mrn: patient.mrn, firstName: "Zoë", lastName: "Núñez-Søndergaard", dateOfBirth: "2015-06-01", state: "AUTHORIZED" }]);
    expect(await search(pcp.id, { lastName: "Nunez-Sondergaard", dateOfBirth: "2015-06-02" })).toEqual([]);
  });

  it("shows exactly one state per result: authorized, pending, no account, or not authorized", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const specialist = await createProvider(db.prisma);
    const granted = await createPatient(db.prisma, { pcpId: pcp.id });
    const pending = await createPatient(db.prisma, { pcpId: pcp.id });
    const noAccount = await createPatient(db.prisma, { pcpId: pcp.id });
    const requestable = await createPatient(db.prisma, { pcpId: pcp.id });
    await createGrant(db.prisma, { providerId: specialist.id, patientId: granted.id });
    await createFamilyAccount(db.prisma, [{ patientId: pending.id, relationship: "GUARDIAN" }, { patientId: requestable.id, relationship: "GUARDIAN" }]);
    await db.prisma.accessRequest.create({ data: { providerId: specialist.id, patientId: pending.id, pendingKey: `${specialist.id}:${pending.id}`, expiresAt: new Date(Date.now() + 86_400_000) } });

    const state = async (mrn: string) => (await search(specialist.id, { mrn }))[0]!.state;
    expect(await state(granted.mrn)).toBe("AUTHORIZED");
    expect(await state(pending.mrn)).toBe("PENDING");
    expect(await state(noAccount.mrn)).toBe("NO_ACCOUNT");
    expect(await state(requestable.mrn)).toBe("NOT_AUTHORIZED");
  });

  it("never returns clinical data, and audits each search", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const patient = await createPatient(db.prisma, { pcpId: pcp.id });
    const [result] = await search(pcp.id, { mrn: patient.mrn });
    expect(Object.keys(result!).sort()).toEqual(["dateOfBirth", "firstName", "lastName", "mrn", "state"]);
    const events = await db.prisma.auditEvent.findMany({ where: { actorId: pcp.id, action: "patient.search" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "PROVIDER", outcome: "SUCCESS", details: { by: "MRN", matchedMrns: [patient.mrn] } });
  });
});
