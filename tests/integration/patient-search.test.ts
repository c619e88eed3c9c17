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
    expect(withFirst).toEqual([{ mrn: patient.mrn, firstName: "Zoë", lastName: "Núñez-Søndergaard", dateOfBirth: "2015-06-01", dateOfBirthText: "Jun 1, 2015", state: "AUTHORIZED" }]);
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
    expect(Object.keys(result!).sort()).toEqual(["dateOfBirth", "dateOfBirthText", "firstName", "lastName", "mrn", "state"]);
    const events = await db.prisma.auditEvent.findMany({ where: { actorId: pcp.id, action: "patient.search" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "PROVIDER", outcome: "SUCCESS", details: { by: "MRN", matchedMrns: [patient.mrn] } });
  });

  it("audits a search with what was asked, where from, and the MRNs it matched in the order it shows them, in one round trip", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const lastName = `Auditorder${Date.now()}`;
    const zoe = await createPatient(db.prisma, { pcpId: pcp.id, lastName, firstName: "Zoë", dateOfBirth: "2015-06-01" });
    const ana = await createPatient(db.prisma, { pcpId: pcp.id, lastName, firstName: "Ana", dateOfBirth: "2015-06-01" });
    const criteria = searchInput.parse(form({ lastName, dateOfBirth: "2015-06-01" }));
    const results = await searchPatients(criteria, { providerId: pcp.id, request: { ip: "198.51.100.7", userAgent: "search-audit" } }, db.prisma);
    expect(results.map((result) => result.mrn)).toEqual([ana.mrn, zoe.mrn]);
    const [event, ...more] = await db.prisma.auditEvent.findMany({ where: { actorId: pcp.id, action: "patient.search" } });
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorType: "PROVIDER",
      outcome: "SUCCESS",
      patientId: null,
      ip: "198.51.100.7",
      userAgent: "search-audit",
      details: { by: "NAME_AND_DOB", criteria: { ...criteria }, matchedMrns: [ana.mrn, zoe.mrn] },
    });
    // A search that matches nothing is audited too, with no MRN.
    await search(pcp.id, { mrn: "9999998" });
    const none = await db.prisma.auditEvent.findFirstOrThrow({ where: { actorId: pcp.id, action: "patient.search" }, orderBy: { id: "desc" } });
    expect(none.details).toEqual({ by: "MRN", criteria: { ...form({ mrn: "9999998" }) }, matchedMrns: [] });
  });

  it("shows a recent refusal with its dates and no way to ask until then, and ended access with the way to ask again", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const specialist = await createProvider(db.prisma);
    const declined = await createPatient(db.prisma, { pcpId: pcp.id });
    const ended = await createPatient(db.prisma, { pcpId: pcp.id });
    const revoked = await createPatient(db.prisma, { pcpId: pcp.id });
    await createFamilyAccount(db.prisma, [declined, ended, revoked].map((patient) => ({ patientId: patient.id, relationship: "GUARDIAN" as const })));
    // Declined on Dec 2, 2026 at 02:00 UTC, which is the evening of Dec 1 in New York.
    const decidedAt = new Date("2026-12-02T02:00:00Z");
    await db.prisma.accessRequest.create({ data: { providerId: specialist.id, patientId: declined.id, status: "DENIED", decidedAt, expiresAt: new Date("2026-12-31T00:00:00Z") } });
    await createGrant(db.prisma, { providerId: specialist.id, patientId: ended.id, startsAt: new Date("2026-09-01T12:00:00Z"), endsAt: new Date("2026-11-20T15:00:00Z") });
    await createGrant(db.prisma, { providerId: specialist.id, patientId: revoked.id, startsAt: new Date("2026-09-01T12:00:00Z"), revokedAt: new Date("2026-11-25T15:00:00Z") });

    const at = (now: Date, mrn: string) => searchPatients(searchInput.parse(form({ mrn })), { providerId: specialist.id, now }, db.prisma).then((results) => results[0]!);
    const soon = new Date("2026-12-03T12:00:00Z");
    expect(await at(soon, declined.mrn)).toMatchObject({ state: "DECLINED", note: "Declined on Dec 1, 2026; you can ask again from Dec 8, 2026." });
    expect(await at(new Date("2026-12-09T12:00:00Z"), declined.mrn)).toMatchObject({ state: "NOT_AUTHORIZED" });
    expect(await at(soon, ended.mrn)).toMatchObject({ state: "ACCESS_ENDED", note: "Your access to this record ended on Nov 20, 2026." });
    expect(await at(soon, revoked.mrn)).toMatchObject({ state: "ACCESS_ENDED", note: "Your access to this record ended on Nov 25, 2026." });
  });

  it("decides each state from the searching provider's own requests and grants only, the latest of each", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const specialist = await createProvider(db.prisma);
    const colleague = await createProvider(db.prisma);
    const [others, expired, declinedTwice, endedTwice] = [await createPatient(db.prisma, { pcpId: pcp.id }), await createPatient(db.prisma, { pcpId: pcp.id }), await createPatient(db.prisma, { pcpId: pcp.id }), await createPatient(db.prisma, { pcpId: pcp.id })];
    await createFamilyAccount(db.prisma, [others!, expired!, declinedTwice!, endedTwice!].map((patient) => ({ patientId: patient.id, relationship: "GUARDIAN" as const })));
    const now = new Date("2026-12-03T12:00:00Z");
    const day = 86_400_000;
    // Another provider's pending request, refusal and grants count for nothing here.
    await db.prisma.accessRequest.create({ data: { providerId: colleague.id, patientId: others!.id, pendingKey: `${colleague.id}:${others!.id}`, expiresAt: new Date(now.getTime() + day) } });
    await db.prisma.accessRequest.create({ data: { providerId: colleague.id, patientId: others!.id, status: "DENIED", decidedAt: new Date(now.getTime() - day), expiresAt: new Date(now.getTime() + day) } });
    await createGrant(db.prisma, { providerId: colleague.id, patientId: others!.id, startsAt: new Date(now.getTime() - 9 * day), endsAt: new Date(now.getTime() - day) });
    // A pending request past its expiry no longer waits.
    await db.prisma.accessRequest.create({ data: { providerId: specialist.id, patientId: expired!.id, pendingKey: `${specialist.id}:${expired!.id}`, expiresAt: new Date(now.getTime() - 1_000) } });
    // Of two refusals, the one within the last 7 days is shown; of two ended grants, the later end.
    await db.prisma.accessRequest.create({ data: { providerId: specialist.id, patientId: declinedTwice!.id, status: "DENIED", decidedAt: new Date("2026-11-21T15:00:00Z"), expiresAt: now, createdAt: new Date("2026-11-20T12:00:00Z") } });
    await db.prisma.accessRequest.create({ data: { providerId: specialist.id, patientId: declinedTwice!.id, status: "DENIED", decidedAt: new Date("2026-11-30T15:00:00Z"), expiresAt: now, createdAt: new Date("2026-11-29T12:00:00Z") } });
    await createGrant(db.prisma, { providerId: specialist.id, patientId: endedTwice!.id, startsAt: new Date("2026-09-01T12:00:00Z"), endsAt: new Date("2026-11-10T15:00:00Z") });
    await createGrant(db.prisma, { providerId: specialist.id, patientId: endedTwice!.id, startsAt: new Date("2026-11-11T12:00:00Z"), endsAt: new Date("2026-12-30T15:00:00Z"), revokedAt: new Date("2026-11-26T15:00:00Z") });

    const at = (mrn: string) => searchPatients(searchInput.parse(form({ mrn })), { providerId: specialist.id, now }, db.prisma).then((results) => results[0]!);
    expect(await at(others!.mrn)).toMatchObject({ state: "NOT_AUTHORIZED" });
    expect(await at(expired!.mrn)).toMatchObject({ state: "NOT_AUTHORIZED" });
    expect(await at(declinedTwice!.mrn)).toMatchObject({ state: "DECLINED", note: "Declined on Nov 30, 2026; you can ask again from Dec 7, 2026." });
    expect(await at(endedTwice!.mrn)).toMatchObject({ state: "ACCESS_ENDED", note: "Your access to this record ended on Nov 26, 2026." });
  });

  it("returns at most 25 matches, in order of last name, first name and MRN", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const lastName = `Manyname${Date.now()}`;
    const firstNames = Array.from({ length: 30 }, (_, i) => `Child${String(29 - i).padStart(2, "0")}`);
    const created = [];
    for (const firstName of firstNames) created.push(await createPatient(db.prisma, { pcpId: pcp.id, lastName, firstName, dateOfBirth: "2014-02-03" }));
    const results = await search(pcp.id, { lastName, dateOfBirth: "2014-02-03" });
    expect(results.map((result) => result.firstName)).toEqual([...firstNames].sort().slice(0, 25));
    expect(results.every((result) => result.state === "AUTHORIZED")).toBe(true);
  });

  it("tells what a family without an account can do, with the configured referral line, and nothing more", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const specialist = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id });
    const [result] = await searchPatients(searchInput.parse(form({ mrn: patient.mrn })), { providerId: specialist.id, referralLine: "617-555-0199" }, db.prisma);
    expect(result).toEqual({
      mrn: patient.mrn,
      firstName: patient.firstName,
      lastName: patient.lastName,
      dateOfBirth: "2016-04-01",
      dateOfBirthText: "Apr 1, 2016",
      state: "NO_ACCOUNT",
      note: "The family can ask the hospital for an activation code to open one: call the family referral line, 617-555-0199.",
    });
    const [byDefault] = await search(specialist.id, { mrn: patient.mrn });
    expect(byDefault!.note).toContain("844-BCH-PEDS");
  });
});
