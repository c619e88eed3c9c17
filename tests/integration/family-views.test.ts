import { beforeAll, describe, expect, it } from "vitest";
import { ACTIVITY_PAGE_SIZE, activityFor, parseActivityCursor, SHOWN_ACTIONS } from "@/lib/family/activity";
import { managedPatients, pendingRequests, requestForDecision, sharingFor } from "@/lib/family/views";
import { revokeGrant } from "@/lib/grants/revoke";
import { getPatientRecord } from "@/lib/patients/record";
import { requestAccess } from "@/lib/requests/create";
import { decideRequest } from "@/lib/requests/decide";
import { hashToken, normalizeToken } from "@/lib/tokens/format";
import { issueInvitation } from "@/lib/tokens/issue";
import { withdrawInvitation } from "@/lib/tokens/withdraw";
import { useDatabase } from "../support/use-database.ts";

describe("what MyChildren's accounts see", () => {
  const db = useDatabase({ poolSize: 4, demo: true });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const email of ["parent@family.example", "ava@family.example"]) ids[email] = (await db.prisma.familyAccount.findUniqueOrThrow({ where: { email } })).id;
    for (const email of ["cardio@fenway.example", "derm@backbay.example"]) ids[email] = (await db.prisma.provider.findUniqueOrThrow({ where: { email } })).id;
  });

  it("lists the patients an account manages, by SPEC §2's age rules", async () => {
    const maria = await managedPatients(ids["parent@family.example"]!, new Date("2026-11-25T12:00:00Z"), db.prisma);
    expect(maria.map((p) => p.firstName)).toEqual(["Mateo", "Sofia"]);
    expect((await managedPatients(ids["ava@family.example"]!, new Date("2026-11-25T12:00:00Z"), db.prisma)).map((p) => p.firstName)).toEqual(["Ava"]);
    // Mateo (born 2011-07-02) turns 18 on 2029-07-02: his guardian's link stops counting then.
    expect((await managedPatients(ids["parent@family.example"]!, new Date("2029-07-02T12:00:00Z"), db.prisma)).map((p) => p.firstName)).toEqual(["Sofia"]);
  });

  it("shows pending requests to the patient's approvers only, newest first, and the decision page likewise", async () => {
    const first = await requestAccess({ mrn: "1000001", reason: "Murmur follow-up" }, { providerId: ids["cardio@fenway.example"]! }, db.prisma);
    const second = await requestAccess({ mrn: "1000002", reason: "" }, { providerId: ids["derm@backbay.example"]! }, db.prisma);
    const pending = await pendingRequests(ids["parent@family.example"]!, new Date(), db.prisma);
    expect(pending.map((r) => r.id)).toEqual([second.ok && second.requestId, first.ok && first.requestId]);
    expect(pending[1]).toMatchObject({ reason: "Murmur follow-up", provider: { fullName: "Dr. Omar Haddad", practice: { name: "Fenway Pediatric Cardiology" } }, patient: { firstName: "Sofia" } });
    expect(await pendingRequests(ids["ava@family.example"]!, new Date(), db.prisma)).toEqual([]);
    expect(await requestForDecision(ids["ava@family.example"]!, first.ok ? first.requestId : "", new Date(), db.prisma)).toBeNull();
    expect(await requestForDecision(ids["parent@family.example"]!, "not-a-uuid", new Date(), db.prisma)).toBeNull();
    expect((await requestForDecision(ids["parent@family.example"]!, first.ok ? first.requestId : "", new Date(), db.prisma))?.provider.npi).toMatch(/^\d{10}$/);
  });

  it("shows who can see the record, and the activity of views, grants and revocations newest first", async () => {
    const maria = ids["parent@family.example"]!;
    const haddad = ids["cardio@fenway.example"]!;
    const request = (await pendingRequests(maria, new Date(), db.prisma)).find((r) => r.patient.firstName === "Sofia")!;
    await decideRequest({ decision: "approve", requestId: request.id, accessEnds: "6m" }, { accountId: maria }, db.prisma);
    await getPatientRecord("1000001", { providerId: haddad }, db.prisma);

    const sharing = await sharingFor(maria, "1000001", new Date(), db.prisma);
    expect(sharing?.pcp.practice.name).toBe("Longwood Pediatrics");
    expect(sharing?.accessGrants.map((g) => [g.provider.fullName, g.source])).toEqual([["Dr. Omar Haddad", "REQUEST"]]);
    expect(await sharingFor(ids["ava@family.example"]!, "1000001", new Date(), db.prisma)).toBeNull();

    await revokeGrant(sharing!.accessGrants[0]!.id, { accountId: maria }, db.prisma);
    const activity = await activityFor(maria, "1000001", null, new Date(), db.prisma);
    expect(activity?.entries.map((e) => [e.action, e.who])).toEqual([
      ["grant.revoke", "Dr. Omar Haddad, Fenway Pediatric Cardiology"],
      ["record.view", "Dr. Omar Haddad, Fenway Pediatric Cardiology"],
      ["grant.create", "Dr. Omar Haddad, Fenway Pediatric Cardiology"],
      ["request.approve", "Maria Rivera"],
      ["request.create", "Dr. Omar Haddad, Fenway Pediatric Cardiology"],
    ]);
    expect(await activityFor(ids["ava@family.example"]!, "1000001", null, new Date(), db.prisma)).toBeNull();
  });

  it("pages Record activity by keyset, older and back newer, with no entry missed or shown twice, even among entries of the same moment", async () => {
    const ava = ids["ava@family.example"]!;
    const patient = await db.prisma.patient.findFirstOrThrow({ where: { firstName: "Ava" } });
    const provider = ids["derm@backbay.example"]!;
    // 45 views, three at each moment.
    const base = Date.parse("2026-06-01T12:00:00Z");
    await db.prisma.auditEvent.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({ actorType: "PROVIDER" as const, actorId: provider, action: "record.view", outcome: "SUCCESS" as const, patientId: patient.id, occurredAt: new Date(base + Math.floor(i / 3) * 60_000), details: {} })),
    });
    const all = await db.prisma.auditEvent.findMany({ where: { patientId: patient.id, outcome: "SUCCESS", action: { in: [...SHOWN_ACTIONS] } }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], select: { id: true } });
    const pages: string[][] = [];
    let activity = await activityFor(ava, patient.mrn, null, new Date(), db.prisma);
    expect(activity?.newer).toBeNull();
    for (;;) {
      pages.push(activity!.entries.map((entry) => entry.id));
      if (!activity!.older) break;
      activity = await activityFor(ava, patient.mrn, parseActivityCursor(activity!.older, undefined), new Date(), db.prisma);
      expect(activity?.newer).not.toBeNull();
    }
    expect(pages.flat()).toEqual(all.map((event) => String(event.id)));
    expect(pages.slice(0, -1).every((page) => page.length === ACTIVITY_PAGE_SIZE)).toBe(true);
    // And back: each Newer link shows the page before it.
    for (let index = pages.length - 1; index > 0; index--) {
      activity = await activityFor(ava, patient.mrn, parseActivityCursor(undefined, activity!.newer), new Date(), db.prisma);
      expect(activity!.entries.map((entry) => entry.id)).toEqual(pages[index - 1]);
    }
    expect(activity!.newer).toBeNull();
    // A cursor that is not one shows the first page.
    expect(parseActivityCursor("2", undefined)).toBeNull();
    expect(parseActivityCursor("1e308.1", "x")).toBeNull();
    expect(parseActivityCursor(["1.1"], undefined)).toBeNull();
  });

  it("issues an invitation for a managed patient only, lists it until used or withdrawn, and withdraws it once", async () => {
    const maria = ids["parent@family.example"]!;
    const issued = await issueInvitation({ mrn: "1000002", providerEmail: "derm@backbay.example" }, { issuer: { accountId: maria } }, db.prisma);
    expect(issued.ok).toBe(true);
    const email = await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: "derm@backbay.example", template: "invitation" } });
    expect(email.props).toMatchObject({ mrn: "1000002", token: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/) });
    const token = (email.props as { token: string }).token;
    // Only the hash is stored: the token is in no column, in either of the forms it is typed in.
    const stored = JSON.stringify(await db.prisma.invitationToken.findMany({ where: { providerEmail: "derm@backbay.example" } }));
    expect(stored).toContain(hashToken(normalizeToken(token)!));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(normalizeToken(token)!);
    expect((await sharingFor(maria, "1000002", new Date(), db.prisma))?.invitationTokens.map((t) => t.providerEmail)).toEqual(["derm@backbay.example"]);

    expect(await issueInvitation({ mrn: "1000004", providerEmail: "x@clinic.example" }, { issuer: { accountId: maria } }, db.prisma)).toEqual({ ok: false, message: "Patient not found" });
    expect(await withdrawInvitation(issued.ok ? issued.id : "", { accountId: ids["ava@family.example"]! }, db.prisma)).toMatchObject({ ok: false });
    expect(await withdrawInvitation(issued.ok ? issued.id : "", { accountId: maria }, db.prisma)).toEqual({ ok: true });
    expect(await withdrawInvitation(issued.ok ? issued.id : "", { accountId: maria }, db.prisma)).toEqual({ ok: false, message: "This invitation was already used or withdrawn." });
    expect((await sharingFor(maria, "1000002", new Date(), db.prisma))?.invitationTokens).toEqual([]);
  });
});
