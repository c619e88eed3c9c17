import { describe, expect, it } from "vitest";
import { viewableBy } from "@/lib/access";
import { sharingFor } from "@/lib/family/views";
import { createFamilyAccount, createGrant, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

// SPEC §3, case by case, through the condition every read of patient data uses.
describe("the access rule", () => {
  const db = useDatabase();
  const now = new Date();
  const hour = 3_600_000;

  async function canView(providerId: string, patientId: string, at = now): Promise<boolean> {
    const found = await db.prisma.patient.findFirst({ where: { AND: [{ id: patientId }, viewableBy(providerId, at)] }, select: { id: true } });
    return found !== null;
  }

  async function patientOfAPcpPractice() {
    const practice = await createPractice(db.prisma, "PRIMARY_CARE");
    const pcp = await createProvider(db.prisma, { practiceId: practice.id });
    const patient = await createPatient(db.prisma, { pcpId: pcp.id });
    return { practice, pcp, patient };
  }

  it("lets the PCP and every active provider of the PCP's practice view the patient", async () => {
    const { practice, pcp, patient } = await patientOfAPcpPractice();
    const colleague = await createProvider(db.prisma, { practiceId: practice.id });
    expect(await canView(pcp.id, patient.id)).toBe(true);
    expect(await canView(colleague.id, patient.id)).toBe(true);
  });

  it("refuses a provider of another practice without a grant", async () => {
    const { patient } = await patientOfAPcpPractice();
    const outsider = await createProvider(db.prisma);
    expect(await canView(outsider.id, patient.id)).toBe(false);
  });

  it("lets a provider with a grant in force view the patient, and only that patient", async () => {
    const { patient, pcp } = await patientOfAPcpPractice();
    const other = await createPatient(db.prisma, { pcpId: pcp.id });
    const specialist = await createProvider(db.prisma);
    await createGrant(db.prisma, { providerId: specialist.id, patientId: patient.id, endsAt: new Date(now.getTime() + hour) });
    expect(await canView(specialist.id, patient.id)).toBe(true);
    expect(await canView(specialist.id, other.id)).toBe(false);
  });

  it("refuses grants that have not started, have ended or were revoked", async () => {
    const { patient } = await patientOfAPcpPractice();
    const notStarted = await createProvider(db.prisma);
    const ended = await createProvider(db.prisma);
    const endsNow = await createProvider(db.prisma);
    const revoked = await createProvider(db.prisma);
    await createGrant(db.prisma, { providerId: notStarted.id, patientId: patient.id, startsAt: new Date(now.getTime() + hour) });
    await createGrant(db.prisma, { providerId: ended.id, patientId: patient.id, startsAt: new Date(now.getTime() - 2 * hour), endsAt: new Date(now.getTime() - hour) });
    await createGrant(db.prisma, { providerId: endsNow.id, patientId: patient.id, startsAt: new Date(now.getTime() - 2 * hour), endsAt: now });
    await createGrant(db.prisma, { providerId: revoked.id, patientId: patient.id, revokedAt: new Date(now.getTime() - 1_000) });
    for (const provider of [notStarted, ended, endsNow, revoked]) expect(await canView(provider.id, patient.id), provider.fullName).toBe(false);
    // The not-yet-started grant counts once it starts.
    expect(await canView(notStarted.id, patient.id, new Date(now.getTime() + 2 * hour))).toBe(true);
  });

  it("refuses disabled and unverified providers, whatever their practice or grants", async () => {
    const { practice, patient } = await patientOfAPcpPractice();
    const disabledColleague = await createProvider(db.prisma, { practiceId: practice.id, status: "DISABLED" });
    const unverifiedColleague = await createProvider(db.prisma, { practiceId: practice.id, status: "UNVERIFIED" });
    const disabledSpecialist = await createProvider(db.prisma, { status: "DISABLED" });
    await createGrant(db.prisma, { providerId: disabledSpecialist.id, patientId: patient.id });
    expect(await canView(disabledColleague.id, patient.id)).toBe(false);
    expect(await canView(unverifiedColleague.id, patient.id)).toBe(false);
    expect(await canView(disabledSpecialist.id, patient.id)).toBe(false);
  });

  it("matches nothing for a provider id that does not exist", async () => {
    const { patient } = await patientOfAPcpPractice();
    expect(await canView("00000000-0000-4000-8000-000000000000", patient.id)).toBe(false);
  });

  it("shows a family exactly the grants in force: not one that has not started, ended or was revoked", async () => {
    const { patient } = await patientOfAPcpPractice();
    const family = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const holders = { inForce: await createProvider(db.prisma), notStarted: await createProvider(db.prisma), ended: await createProvider(db.prisma), revoked: await createProvider(db.prisma) };
    const inForce = await createGrant(db.prisma, { providerId: holders.inForce.id, patientId: patient.id });
    await createGrant(db.prisma, { providerId: holders.notStarted.id, patientId: patient.id, startsAt: new Date(now.getTime() + hour) });
    await createGrant(db.prisma, { providerId: holders.ended.id, patientId: patient.id, startsAt: new Date(now.getTime() - 2 * hour), endsAt: new Date(now.getTime() - hour) });
    await createGrant(db.prisma, { providerId: holders.revoked.id, patientId: patient.id, revokedAt: new Date(now.getTime() - 1_000) });
    const sharing = await sharingFor(family.id, patient.mrn, now, db.prisma);
    expect(sharing?.accessGrants.map((grant) => grant.id)).toEqual([inForce.id]);
  });
});
