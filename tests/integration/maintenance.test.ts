import { describe, expect, it } from "vitest";
import { tidy } from "@/lib/maintenance";
import { requestAccess } from "@/lib/requests/create";
import { createFamilyAccount, createPatient, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

describe("maintenance", () => {
  const db = useDatabase();

  it("expires requests left unanswered for 30 days, and only those", async () => {
    const pcp = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id });
    await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const old = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: (await createProvider(db.prisma)).id, now: new Date(Date.now() - 31 * 86_400_000) }, db.prisma);
    const recent = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: (await createProvider(db.prisma)).id }, db.prisma);
    await tidy(db.prisma);
    expect(await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: old.ok ? old.requestId : "" } })).toMatchObject({ status: "EXPIRED", pendingKey: null });
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: recent.ok ? recent.requestId : "" } })).status).toBe("PENDING");
  });

  it("says how much a pass did, so a backlog can be worked off until a pass finds nothing", async () => {
    const pcp = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id });
    await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const longAgo = new Date(Date.now() - 31 * 86_400_000);
    for (let i = 0; i < 2; i++) await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: (await createProvider(db.prisma)).id, now: longAgo }, db.prisma);
    // Two expired requests: each provider told once ("Your access request expired").
    expect(await tidy(db.prisma)).toBe(2);
    expect(await tidy(db.prisma)).toBe(0);
  });
});
