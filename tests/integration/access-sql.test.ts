import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { approverLink, approverLinkSql, GUARDIAN_UNTIL_AGE, grantsEndedFor, grantsEndedForSql, grantsHeldBy, grantsHeldBySql, SELF_FROM_AGE, viewableBy, viewableBySql } from "@/lib/access";
import { bornYearsBefore, isoDate } from "@/lib/dates";
import { runStatement, SqlValues } from "@/lib/db";
import { createFamilyAccount, createGrant, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

// The hot paths read through the SQL forms of four rules (decision 017). Each must answer exactly
// as its Prisma form does: here both run over every case of the rule, at several moments, and
// must pick the same rows.
describe("the SQL forms of the access rules", () => {
  const db = useDatabase();
  const now = new Date();
  const hour = 3_600_000;
  const day = 24 * hour;
  const at = (ms: number) => new Date(now.getTime() + ms);
  // Moments around every boundary of the cases below, and a 29 February.
  const moments = [now, at(-3 * hour), at(-hour), at(2 * hour), at(day), at(-day), at(40 * day), new Date("2028-02-29T12:00:00Z")];

  // In a zone eight hours from UTC: a moment sent or read in the server's zone would be off by that much.
  const zone = process.env.TZ;
  beforeEach(() => void (process.env.TZ = "America/Los_Angeles"));
  afterEach(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

  const world = { providers: [] as string[], patients: [] as string[], grants: [] as string[], links: [] as string[] };

  beforeAll(async () => {
    const prisma = db.prisma;
    const practice = await createPractice(prisma, "PRIMARY_CARE");
    const other = await createPractice(prisma, "PRIMARY_CARE");
    const pcp = await createProvider(prisma, { practiceId: practice.id });
    const otherPcp = await createProvider(prisma, { practiceId: other.id });
    const patients = [await createPatient(prisma, { pcpId: pcp.id }), await createPatient(prisma, { pcpId: pcp.id }), await createPatient(prisma, { pcpId: otherPcp.id })];
    const [ours, , theirs] = patients;

    // Members of the PCP's practice in every state of account and membership.
    const members = [
      pcp,
      await createProvider(prisma, { practiceId: practice.id, role: "SITE_ADMIN" }),
      await createProvider(prisma, { practiceId: practice.id, membership: "PENDING" }),
      await createProvider(prisma, { practiceId: practice.id, membership: "DECLINED" }),
      await createProvider(prisma, { practiceId: practice.id, membershipEndedAt: at(-hour) }),
      await createProvider(prisma, { practiceId: practice.id, status: "DISABLED" }),
      await createProvider(prisma, { practiceId: practice.id, status: "UNVERIFIED" }),
      otherPcp,
    ];
    // Providers elsewhere holding grants in every state, one each (and one holding several).
    const grants: { status?: "DISABLED"; startsAt?: Date; endsAt?: Date | null; revokedAt?: Date | null; patientId?: string }[] = [
      { endsAt: null },
      { endsAt: at(30 * day) },
      { startsAt: at(hour), endsAt: at(30 * day) },
      { startsAt: at(-2 * day), endsAt: at(-2 * hour) },
      { startsAt: at(-2 * day), endsAt: now },
      { revokedAt: at(-2 * hour), endsAt: at(30 * day) },
      { revokedAt: at(-2 * hour), endsAt: null },
      { revokedAt: at(-2 * hour), endsAt: at(-3 * hour), startsAt: at(-2 * day) },
      { revokedAt: at(hour) },
      { status: "DISABLED", endsAt: null },
      { patientId: theirs!.id, endsAt: at(30 * day) },
    ];
    const holders = [];
    for (const grant of grants) {
      const holder = await createProvider(prisma, { status: grant.status });
      holders.push(holder);
      const created = await createGrant(prisma, {
        providerId: holder.id,
        patientId: grant.patientId ?? ours!.id,
        startsAt: grant.startsAt ?? at(-day),
        endsAt: grant.endsAt,
        revokedAt: grant.revokedAt ?? null,
      });
      world.grants.push(created.id);
    }
    const several = holders[0]!;
    for (const [patient, grant] of [
      [theirs!, { startsAt: at(-2 * day), endsAt: at(-hour) }],
      [theirs!, { startsAt: at(-2 * day), revokedAt: at(-hour), endsAt: null }],
    ] as const) {
      world.grants.push((await createGrant(prisma, { providerId: several.id, patientId: patient.id, ...grant })).id);
    }

    // Linked families on both sides of each age boundary, on every moment's calendar day.
    for (const moment of [now, at(day), at(-day), new Date("2028-02-29T12:00:00Z")]) {
      for (const [age, relationship] of [
        [GUARDIAN_UNTIL_AGE, "GUARDIAN"],
        [SELF_FROM_AGE, "SELF"],
      ] as const) {
        const boundary = bornYearsBefore(moment, age);
        for (const shift of [-day, 0, day]) {
          const patient = await createPatient(prisma, { pcpId: pcp.id, dateOfBirth: isoDate(new Date(boundary.getTime() + shift)) });
          patients.push(patient);
          const family = await createFamilyAccount(prisma, [{ patientId: patient.id, relationship }]);
          world.links.push(...(await prisma.patientLink.findMany({ where: { accountId: family.id }, select: { id: true } })).map((link) => link.id));
        }
      }
    }
    const baby = await createPatient(prisma, { pcpId: pcp.id, dateOfBirth: isoDate(at(-300 * day)) });
    patients.push(baby);
    const ended = await createFamilyAccount(prisma, [{ patientId: baby.id, relationship: "GUARDIAN" }]);
    await prisma.patientLink.updateMany({ where: { accountId: ended.id }, data: { endedAt: at(-hour) } });
    const disabled = await createFamilyAccount(prisma, [{ patientId: baby.id, relationship: "GUARDIAN" }]);
    await prisma.familyAccount.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
    const active = await createFamilyAccount(prisma, [{ patientId: baby.id, relationship: "GUARDIAN" }]);
    const young = await createFamilyAccount(prisma, [{ patientId: baby.id, relationship: "SELF" }]);
    for (const account of [ended, disabled, active, young]) {
      world.links.push(...(await prisma.patientLink.findMany({ where: { accountId: account.id }, select: { id: true } })).map((link) => link.id));
    }

    world.providers = [...members, ...holders].map((provider) => provider.id);
    world.providers.push("00000000-0000-4000-8000-000000000000");
    world.patients = patients.map((patient) => patient.id);
  });

  async function sqlIds(table: string, row: string, condition: (values: SqlValues) => string, ids: string[]): Promise<string[]> {
    const values = new SqlValues();
    const text = `SELECT ${row}.id FROM "${table}" ${row} WHERE ${row}.id = ANY(${values.add(ids)}::uuid[]) AND ${condition(values)}`;
    const rows = await runStatement<{ id: string }>(db.prisma, values.statement(text));
    return rows.map((found) => found.id).sort();
  }

  it("viewableBySql lets exactly the providers viewableBy lets view each patient", async () => {
    let allowed = 0;
    let refused = 0;
    for (const moment of moments) {
      for (const providerId of world.providers) {
        const prisma = (await db.prisma.patient.findMany({ where: { AND: [{ id: { in: world.patients } }, viewableBy(providerId, moment)] }, select: { id: true } })).map((found) => found.id).sort();
        const sql = await sqlIds("Patient", "pt", (values) => viewableBySql(values, "pt", providerId, moment), world.patients);
        expect(sql, `provider ${providerId} at ${moment.toISOString()}`).toEqual(prisma);
        allowed += prisma.length;
        refused += world.patients.length - prisma.length;
      }
    }
    // Both answers occur, so the comparison above compared something.
    expect(allowed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it.each([
    ["grantsHeldBySql", "grantsHeldBy", grantsHeldBy, grantsHeldBySql],
    ["grantsEndedForSql", "grantsEndedFor", grantsEndedFor, grantsEndedForSql],
  ] as const)("%s picks exactly the grants %s picks", async (_sqlName, _name, rule, ruleSql) => {
    let picked = 0;
    for (const moment of moments) {
      for (const providerId of world.providers) {
        const prisma = (await db.prisma.accessGrant.findMany({ where: { AND: [{ id: { in: world.grants } }, rule(providerId, moment)] }, select: { id: true } })).map((found) => found.id).sort();
        const sql = await sqlIds("AccessGrant", "g", (values) => ruleSql(values, "g", providerId, moment), world.grants);
        expect(sql, `provider ${providerId} at ${moment.toISOString()}`).toEqual(prisma);
        picked += prisma.length;
      }
    }
    expect(picked).toBeGreaterThan(10);
  });

  it("approverLinkSql picks exactly the links approverLink picks, on both sides of each age", async () => {
    let approvers = 0;
    let others = 0;
    for (const moment of moments) {
      const prisma = (await db.prisma.patientLink.findMany({ where: { AND: [{ id: { in: world.links } }, approverLink(moment)] }, select: { id: true } })).map((found) => found.id).sort();
      const sql = await sqlIds("PatientLink", "l", (values) => approverLinkSql(values, "l", moment), world.links);
      expect(sql, `at ${moment.toISOString()}`).toEqual(prisma);
      approvers += prisma.length;
      others += world.links.length - prisma.length;
    }
    expect(approvers).toBeGreaterThan(10);
    expect(others).toBeGreaterThan(10);
  });
});
