import { describe, expect, it } from "vitest";
import { getPatientRecord } from "@/lib/patients/record";
import { issueInvitation } from "@/lib/tokens/issue";
import { validateToken, validateTokenInput } from "@/lib/tokens/validate";
import { withdrawInvitation } from "@/lib/tokens/withdraw";
import { createFamilyAccount, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { hasPostgresServer } from "../support/test-database.ts";
import { useDatabase } from "../support/use-database.ts";

const realServer = await hasPostgresServer();

describe("Validate a Token", () => {
  const db = useDatabase({ poolSize: 10 });
  const minute = 60_000;

  /** A patient, a guardian who invites a provider, and the token from the invitation email. */
  async function invitation(issuedAt = new Date()) {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const patient = await createPatient(db.prisma, { pcpId: pcp.id, dateOfBirth: "2014-02-02" });
    const other = await createPatient(db.prisma, { pcpId: pcp.id });
    const guardian = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const provider = await createProvider(db.prisma);
    const issued = await issueInvitation({ mrn: patient.mrn, providerEmail: provider.email }, { issuer: { accountId: guardian.id }, now: issuedAt }, db.prisma);
    if (!issued.ok) throw new Error(issued.message);
    const email = await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: provider.email, template: "invitation" } });
    return { patient, other, guardian, provider, invitationId: issued.id, token: (email.props as { token: string }).token };
  }
  const validate = (providerId: string, token: string, mrn: string, now?: Date) => validateToken({ token, mrn }, { providerId, now }, db.prisma);

  it("uses the token up and grants access to that patient, typed in any case with spaces", async () => {
    const { patient, provider, token, invitationId, guardian } = await invitation();
    expect(await getPatientRecord(patient.mrn, { providerId: provider.id }, db.prisma)).toBeNull();
    expect(await validate(provider.id, ` ${token.toLowerCase().replaceAll("-", " ")} `, patient.mrn)).toEqual({ ok: true, mrn: patient.mrn });
    const grant = await db.prisma.accessGrant.findUniqueOrThrow({ where: { tokenId: invitationId } });
    expect(grant).toMatchObject({ providerId: provider.id, patientId: patient.id, source: "TOKEN", grantedById: guardian.id, endsAt: null, revokedAt: null });
    expect(await db.prisma.invitationToken.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ usedByProviderId: provider.id });
    expect((await getPatientRecord(patient.mrn, { providerId: provider.id }, db.prisma))?.access).toMatchObject({ kind: "GRANT", source: "TOKEN" });
    expect(await db.prisma.auditEvent.count({ where: { actorId: provider.id, action: { in: ["token.validate", "grant.create"] }, outcome: "SUCCESS" } })).toBe(2);
  });

  it("tells every approver once that their invitation was used, with a link to the record's activity", async () => {
    const { patient, provider, token, guardian } = await invitation();
    expect(await validate(provider.id, token, patient.mrn)).toEqual({ ok: true, mrn: patient.mrn });
    expect(await validate(provider.id, token, patient.mrn)).toMatchObject({ ok: false });
    const used = await db.prisma.outboxEmail.findMany({ where: { template: "invitationUsed", props: { path: ["mrn"], equals: patient.mrn } }, select: { to: true, props: true } });
    expect(used).toEqual([{ to: guardian.email, props: { providerName: provider.fullName, practiceName: expect.any(String), mrn: patient.mrn } }]);
  });

  it("answers 'This token is not valid for this MRN' to a wrong, used or withdrawn token, another MRN, or a provider it was not sent to", async () => {
    const { patient, other, provider, token, guardian, invitationId } = await invitation();
    const invalid = { ok: false, code: "INVALID", message: "This token is not valid for this MRN" };
    expect(await validate(provider.id, "ABCD-EFGH-JKMN-PQRS", patient.mrn)).toEqual(invalid);
    expect(await validate(provider.id, "not a token at all", patient.mrn)).toEqual(invalid);
    expect(await validate(provider.id, token, other.mrn)).toEqual(invalid);
    const second = await createProvider(db.prisma);
    // Bound to its invitee (SPEC §4): another provider holding the right token and MRN is refused.
    expect(await validate(second.id, token, patient.mrn)).toEqual(invalid);
    expect(await db.prisma.auditEvent.findFirst({ where: { actorId: second.id, action: "token.validate" }, select: { outcome: true, patientId: true, details: true } })).toEqual({ outcome: "FAILURE", patientId: patient.id, details: { mrn: patient.mrn, reason: "not-invitee" } });
    expect(await validate(provider.id, token, patient.mrn)).toMatchObject({ ok: true });
    expect(await validate(second.id, token, patient.mrn)).toEqual(invalid);

    const next = await issueInvitation({ mrn: patient.mrn, providerEmail: "someone@clinic.example" }, { issuer: { accountId: guardian.id } }, db.prisma);
    if (!next.ok) throw new Error(next.message);
    const nextToken = ((await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: "someone@clinic.example" } })).props as { token: string }).token;
    expect(await withdrawInvitation(next.id, { accountId: guardian.id }, db.prisma)).toEqual({ ok: true });
    expect(await validate(second.id, nextToken, patient.mrn)).toEqual(invalid);
    // Of all these, only the one use of the right token granted anything.
    expect(await db.prisma.accessGrant.findMany({ where: { patientId: { in: [patient.id, other.id] } }, select: { providerId: true, tokenId: true } })).toEqual([{ providerId: provider.id, tokenId: invitationId }]);
  });

  it("answers 'This token has expired' to the right token and MRN six months after issue", async () => {
    const issuedAt = new Date("2026-01-10T09:00:00Z");
    const { patient, other, provider, token } = await invitation(issuedAt);
    const later = new Date("2026-07-10T09:00:01Z");
    expect(await validate(provider.id, token, patient.mrn, later)).toEqual({ ok: false, code: "EXPIRED", message: "This token has expired" });
    expect(await validate(provider.id, token, other.mrn, later)).toMatchObject({ code: "INVALID" });
    expect(await validate(provider.id, token, patient.mrn, new Date("2026-07-10T08:59:59Z"))).toMatchObject({ ok: true });
  });

  it("locks validation for 15 minutes after five failures within 15 minutes, even for the right token", async () => {
    const { patient, provider, token } = await invitation();
    const start = new Date();
    for (let i = 0; i < 5; i += 1) expect(await validate(provider.id, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", patient.mrn, new Date(start.getTime() + i * minute))).toMatchObject({ code: "INVALID" });
    const locked = { ok: false, code: "LOCKED", message: "Too many attempts. Try again in 15 minutes." };
    expect(await validate(provider.id, token, patient.mrn, new Date(start.getTime() + 5 * minute))).toEqual(locked);
    expect(await validate(provider.id, token, patient.mrn, new Date(start.getTime() + 18 * minute))).toEqual(locked);
    expect(await validate(provider.id, token, patient.mrn, new Date(start.getTime() + 19 * minute + 1_000))).toMatchObject({ ok: true });
  });

  it("does not lock after failures spread over more than 15 minutes", async () => {
    const { patient, provider, token } = await invitation();
    const start = new Date();
    for (let i = 0; i < 5; i += 1) await validate(provider.id, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", patient.mrn, new Date(start.getTime() + i * 4 * minute));
    expect(await validate(provider.id, token, patient.mrn, new Date(start.getTime() + 17 * minute))).toMatchObject({ ok: true });
  });

  // A race needs parallel connections: a real PostgreSQL server.
  it.runIf(realServer)("of 50 providers guessing one token at once with its invitee, only the invitee wins, and every other guess counts toward its guesser's lock", async () => {
    const { patient, token, invitationId, provider } = await invitation();
    const racers = await Promise.all(Array.from({ length: 50 }, () => createProvider(db.prisma)));
    const everyone = [...racers.slice(0, 25), provider, ...racers.slice(25)];
    const outcomes = await Promise.all(everyone.map((racer) => validate(racer.id, token, patient.mrn)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes[25]).toEqual({ ok: true, mrn: patient.mrn });
    expect(await db.prisma.accessGrant.findMany({ where: { tokenId: invitationId }, select: { providerId: true } })).toEqual([{ providerId: provider.id }]);
    expect(await db.prisma.failedAttempt.count({ where: { kind: "TOKEN_VALIDATION", subject: { in: racers.map((racer) => racer.id) } } })).toBe(50);
  });

  it("locks a provider who keeps trying someone else's token, like any wrong token", async () => {
    const { patient, token } = await invitation();
    const stranger = await createProvider(db.prisma);
    const start = new Date();
    for (let i = 0; i < 5; i += 1) expect(await validate(stranger.id, token, patient.mrn, new Date(start.getTime() + i * minute))).toMatchObject({ code: "INVALID" });
    expect(await validate(stranger.id, token, patient.mrn, new Date(start.getTime() + 5 * minute))).toMatchObject({ code: "LOCKED" });
  });

  it("refuses the invitee while their email is not verified", async () => {
    const { patient, token, provider } = await invitation();
    await db.prisma.provider.update({ where: { id: provider.id }, data: { emailVerifiedAt: null } });
    expect(await validate(provider.id, token, patient.mrn)).toMatchObject({ code: "INVALID" });
  });

  it("refuses a disabled provider as if the token were wrong", async () => {
    const { patient, token } = await invitation();
    const disabled = await createProvider(db.prisma, { status: "DISABLED" });
    expect(await validate(disabled.id, token, patient.mrn)).toMatchObject({ code: "INVALID" });
  });

  it("validates the form", () => {
    const messages = (input: object) => validateTokenInput.safeParse(input).error?.issues.map((issue) => issue.message);
    expect(messages({ token: "", mrn: "1000002" })).toEqual(["Enter the token from the invitation."]);
    expect(messages({ token: "ABCD", mrn: "" })).toContain("Enter the patient's MRN.");
    expect(messages({ token: "ABCD", mrn: "10-0002" })).toEqual(["Enter the MRN as digits only."]);
  });
});
