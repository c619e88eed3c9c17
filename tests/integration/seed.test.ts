import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { nameKey } from "@/lib/patients/names";
import { isValidNpi } from "@/lib/npi";
import { DEMO_PASSWORD, seedDemo } from "@/scripts/lib/seed/demo";
import { snapshotDatabase } from "../support/db-snapshot.ts";
import { runScript } from "../support/run-script.ts";
import { useDatabase } from "../support/use-database.ts";

describe("npm run db:seed", () => {
  const db = useDatabase();

  it("loads SPEC §8's demo data, and running it again changes nothing", async () => {
    const first = await runScript("prisma/seed.ts", [], { DATABASE_URL: db.url });
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshotDatabase(db.url);
    const second = await runScript("prisma/seed.ts", [], { DATABASE_URL: db.url });
    expect(second.code, second.stderr).toBe(0);
    expect(await snapshotDatabase(db.url)).toEqual(before);
    expect(await seedDemo(db.prisma)).toEqual({ created: false });
    expect(await snapshotDatabase(db.url)).toEqual(before);
  });

  it("has the demo providers in their practices, Dr. Chen being every demo patient's PCP and Longwood's site administrator", async () => {
    const providers = await db.prisma.provider.findMany({ include: { practice: true }, orderBy: { email: "asc" } });
    expect(providers.map((p) => [p.fullName, p.email, p.practice.name, p.practice.status, p.status, p.membershipStatus, p.membershipRole])).toEqual([
      ["Dr. Omar Haddad", "cardio@fenway.example", "Fenway Pediatric Cardiology", "ENROLLED", "ACTIVE", "APPROVED", "MEMBER"],
      ["Dr. Lena Ortiz", "derm@backbay.example", "Back Bay Dermatology", "ENROLLED", "ACTIVE", "APPROVED", "MEMBER"],
      ["Dr. Priya Natarajan", "newdoc@longwood.example", "Longwood Pediatrics", "ENROLLED", "ACTIVE", "PENDING", "MEMBER"],
      ["Dr. Paula Chen", "pcp@longwood.example", "Longwood Pediatrics", "ENROLLED", "ACTIVE", "APPROVED", "SITE_ADMIN"],
      ["Dr. Sam Okafor", "sam@jpfamily.example", "Jamaica Plain Family Medicine", "PENDING", "ACTIVE", "PENDING", "MEMBER"],
    ]);
    expect(await db.prisma.practice.findMany({ select: { name: true, kind: true, city: true, phone: true }, orderBy: { name: "asc" } })).toEqual([
      { name: "Back Bay Dermatology", kind: "SPECIALTY", city: "Boston", phone: "617-555-0122" },
      { name: "Fenway Pediatric Cardiology", kind: "SPECIALTY", city: "Boston", phone: "617-555-0175" },
      { name: "Jamaica Plain Family Medicine", kind: "PRIMARY_CARE", city: "Jamaica Plain", phone: "617-555-0193" },
      { name: "Longwood Pediatrics", kind: "PRIMARY_CARE", city: "Boston", phone: "617-555-0140" },
    ]);
    expect(await db.prisma.staff.findMany({ select: { email: true, fullName: true } })).toEqual([{ email: "staff@hospital.example", fullName: "Grace Kim" }]);
    for (const provider of providers) expect(isValidNpi(provider.npi), provider.npi).toBe(true);

    const patients = await db.prisma.patient.findMany({ include: { pcp: true }, orderBy: { mrn: "asc" } });
    expect(patients.map((p) => [p.mrn, `${p.firstName} ${p.lastName}`, p.dateOfBirth.toISOString().slice(0, 10), p.pcp.email])).toEqual([
      ["1000001", "Sofia Rivera", "2018-03-14", "pcp@longwood.example"],
      ["1000002", "Mateo Rivera", "2011-07-02", "pcp@longwood.example"],
      ["1000003", "Ethan Brooks", "2016-11-30", "pcp@longwood.example"],
      ["1000004", "Ava Thompson", "2007-05-21", "pcp@longwood.example"],
    ]);
    for (const patient of patients) {
      expect(patient.lastNameKey).toBe(nameKey(patient.lastName));
      expect(patient.firstNameKey).toBe(nameKey(patient.firstName));
    }
  });

  it("links Maria as guardian of Sofia and Mateo, Ava to herself, and Ethan to nobody", async () => {
    const links = await db.prisma.patientLink.findMany({ include: { account: true, patient: true } });
    const described = links.map((l) => `${l.account.email} ${l.relationship} ${l.patient.mrn}`).sort();
    expect(described).toEqual([
      "ava@family.example SELF 1000004",
      "parent@family.example GUARDIAN 1000001",
      "parent@family.example GUARDIAN 1000002",
    ]);
    const accounts = await db.prisma.familyAccount.findMany({ orderBy: { email: "asc" } });
    expect(accounts.map((a) => a.fullName)).toEqual(["Ava Thompson", "Maria Rivera"]);
  });

  it("gives every demo patient a record with entries in each section", async () => {
    const patients = await db.prisma.patient.findMany({
      include: { _count: { select: { allergies: true, medications: true, problems: true, immunizations: true, visits: true, labResults: true } } },
      orderBy: { mrn: "asc" },
    });
    expect(patients.map((patient) => patient.mrn)).toEqual(["1000001", "1000002", "1000003", "1000004"]);
    for (const patient of patients) {
      for (const [section, count] of Object.entries(patient._count)) expect(count, `${patient.mrn} ${section}`).toBeGreaterThan(0);
    }
  });

  it("signs every demo account with the demo password, hashed with argon2id", async () => {
    const hashes = [
      ...(await db.prisma.provider.findMany({ select: { passwordHash: true } })),
      ...(await db.prisma.familyAccount.findMany({ select: { passwordHash: true } })),
    ].map((row) => row.passwordHash);
    expect(hashes).toHaveLength(7);
    for (const hash of hashes) {
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(hash, DEMO_PASSWORD)).toBe(true);
    }
  });

  it("adds synthetic patients with PCPs, guardians and records with --patients N", async () => {
    const before = await db.prisma.patient.count();
    const result = await runScript("prisma/seed.ts", ["--patients", "300"], { DATABASE_URL: db.url });
    expect(result.code, result.stderr).toBe(0);
    expect(await db.prisma.patient.count()).toBe(before + 300);

    const synthetic = await db.prisma.patient.findMany({
      where: { mrn: { gte: "2000000" } },
      include: { pcp: true, links: true, _count: { select: { allergies: true, medications: true, problems: true, immunizations: true, visits: true, labResults: true } } },
    });
    expect(synthetic).toHaveLength(300);
    expect(new Set(synthetic.map((p) => p.mrn)).size).toBe(300);
    for (const patient of synthetic) {
      expect(patient.mrn).toMatch(/^\d{7}$/);
      expect(patient.pcp.status).toBe("ACTIVE");
      expect(isValidNpi(patient.pcp.npi)).toBe(true);
      expect(patient.lastNameKey).toBe(nameKey(patient.lastName));
      for (const count of Object.values(patient._count)) expect(count).toBeGreaterThan(0);
    }
    expect(synthetic.filter((p) => p.links.length > 0).length).toBeGreaterThan(150);

    // A second batch continues after the first instead of colliding with it.
    const again = await runScript("prisma/seed.ts", ["--patients", "50"], { DATABASE_URL: db.url });
    expect(again.code, again.stderr).toBe(0);
    expect(await db.prisma.patient.count()).toBe(before + 350);
  });

  it.each([
    [["--patients", "abc"]],
    [["--patients", "0"]],
    [["--patients", "-5"]],
    [["--bogus"]],
    [["extra"]],
  ])("refuses %j with one line and a non-zero exit, changing nothing", async (args) => {
    const before = await snapshotDatabase(db.url);
    const result = await runScript("prisma/seed.ts", args, { DATABASE_URL: db.url });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^db:seed: /);
    expect(await snapshotDatabase(db.url)).toEqual(before);
  });

  it("explains an unreachable database in one line", async () => {
    const result = await runScript("prisma/seed.ts", [], { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^db:seed: cannot reach the database/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("npm run db:migrate", () => {
  it("explains a missing DATABASE_URL, an unknown flag and an unreachable database in one line each", async () => {
    const cases = [
      { args: [], env: { DATABASE_URL: undefined }, message: /^db:migrate: DATABASE_URL is not set/ },
      { args: ["--force"], env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" }, message: /^db:migrate: Unknown option '--force'/ },
      { args: [], env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" }, message: /^db:migrate: cannot reach the database/ },
    ];
    for (const { args, env, message } of cases) {
      const result = await runScript("scripts/db-migrate.ts", args, env);
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
    }
  });
});
