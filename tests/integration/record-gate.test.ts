import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createGrant } from "../support/factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// proxy.ts's gate in front of record pages, against a real database.
describe("the record gate of proxy.ts", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let gate: typeof import("@/lib/patients/record-gate");
  let sessions: typeof import("@/lib/auth/session-store");

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
    process.env.DATABASE_URL = database.url;
    vi.resetModules();
    const { db } = await import("@/lib/db");
    prisma = db();
    await (await import("@/scripts/lib/seed/demo")).seedDemo(prisma);
    gate = await import("@/lib/patients/record-gate");
    sessions = await import("@/lib/auth/session-store");
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  async function sessionOf(email: string) {
    const provider = await prisma.provider.findUniqueOrThrow({ where: { email } });
    return (await prisma.$transaction((tx) => sessions.createSession(tx, { portal: "mypatients", providerId: provider.id }, new Date()))).secret;
  }

  it("recognises record paths only", () => {
    expect(gate.recordPathMrn("/mypatients/patients/1000001")).toBe("1000001");
    expect(gate.recordPathMrn("/mypatients/patients/1000001/")).toBe("1000001");
    expect(gate.recordPathMrn("/mypatients/patients")).toBeNull();
    expect(gate.recordPathMrn("/mypatients/requests")).toBeNull();
  });

  it("lets the PCP practice through and refuses an outsider, auditing the refusal", async () => {
    const pcp = await prisma.provider.findUniqueOrThrow({ where: { email: "pcp@longwood.example" } });
    // The provider let through, for the gate to hand to the page (lib/auth/gate-verdict.ts).
    expect(await gate.mayOpenRecord(await sessionOf("pcp@longwood.example"), "1000001", {})).toMatchObject({ portal: "mypatients", providerId: pcp.id, membership: "APPROVED" });
    const ortiz = await sessionOf("derm@backbay.example");
    expect(await gate.mayOpenRecord(ortiz, "1000001", { ip: "203.0.113.5" })).toBe(false);
    expect(await gate.mayOpenRecord(ortiz, "9999999", {})).toBe(false);
    const refusals = await prisma.auditEvent.findMany({ where: { action: "record.view", outcome: "DENIED" }, orderBy: { id: "asc" } });
    expect(refusals.map((event) => event.details)).toEqual([{ mrn: "1000001", gate: "proxy" }, { mrn: "9999999", gate: "proxy" }]);
    expect(refusals[0]!.ip).toBe("203.0.113.5");
  });

  it("checks the session and the access rule in one statement", async () => {
    const { createPrismaClient } = await import("@/lib/db");
    const statements: string[] = [];
    const counted = createPrismaClient(database.url, 1, { onQuery: (event) => statements.push(event.query) });
    // Connected through Prisma, so that $disconnect ends its pool (the gate's statement bypasses Prisma).
    await counted.$connect();
    try {
      const secret = await sessionOf("pcp@longwood.example");
      expect(await gate.mayOpenRecord(secret, "1000001", {}, new Date(), counted)).toMatchObject({ providerId: expect.any(String) });
      expect(statements).toHaveLength(1);
    } finally {
      await counted.$disconnect();
    }
  });

  it("lets a provider with a grant in force through, and not once it is revoked", async () => {
    const haddad = await prisma.provider.findUniqueOrThrow({ where: { email: "cardio@fenway.example" } });
    const mateo = await prisma.patient.findUniqueOrThrow({ where: { mrn: "1000002" } });
    const secret = await sessionOf("cardio@fenway.example");
    expect(await gate.mayOpenRecord(secret, "1000002", {})).toBe(false);
    const grant = await createGrant(prisma, { providerId: haddad.id, patientId: mateo.id });
    expect(await gate.mayOpenRecord(secret, "1000002", {})).toMatchObject({ providerId: haddad.id });
    await prisma.accessGrant.update({ where: { id: grant.id }, data: { revokedAt: new Date() } });
    expect(await gate.mayOpenRecord(secret, "1000002", {})).toBe(false);
  });

  it("treats the session of a disabled provider as signed out", async () => {
    const secret = await sessionOf("derm@backbay.example");
    await prisma.provider.update({ where: { email: "derm@backbay.example" }, data: { status: "DISABLED" } });
    try {
      expect(await gate.mayOpenRecord(secret, "1000001", {})).toBe("signed-out");
    } finally {
      await prisma.provider.update({ where: { email: "derm@backbay.example" }, data: { status: "ACTIVE" } });
    }
  });

  it("treats an ended session as signed out", async () => {
    const secret = await sessionOf("pcp@longwood.example");
    await prisma.$transaction((tx) => sessions.revokeSession(tx, secret, new Date()));
    expect(await gate.mayOpenRecord(secret, "1000001", {})).toBe("signed-out");
  });
});
