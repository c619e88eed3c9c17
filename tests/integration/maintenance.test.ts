import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { tidy } from "@/lib/maintenance";
import { requestAccess } from "@/lib/requests/create";
import { createFamilyAccount, createPatient, createProvider } from "../support/factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("maintenance", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
    prisma = createPrismaClient(database.url, 2);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it("expires requests left unanswered for 30 days, and only those", async () => {
    const pcp = await createProvider(prisma);
    const patient = await createPatient(prisma, { pcpId: pcp.id });
    await createFamilyAccount(prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const old = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: (await createProvider(prisma)).id, now: new Date(Date.now() - 31 * 86_400_000) }, prisma);
    const recent = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: (await createProvider(prisma)).id }, prisma);
    await tidy(prisma);
    expect(await prisma.accessRequest.findUniqueOrThrow({ where: { id: old.ok ? old.requestId : "" } })).toMatchObject({ status: "EXPIRED", pendingKey: null });
    expect((await prisma.accessRequest.findUniqueOrThrow({ where: { id: recent.ok ? recent.requestId : "" } })).status).toBe("PENDING");
  });
});
