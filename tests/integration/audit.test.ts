import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { signOutSession } from "@/lib/auth/sign-out";
import { revokeGrant } from "@/lib/grants/revoke";
import { getPatientRecord } from "@/lib/patients/record";
import { searchInput, searchPatients } from "@/lib/patients/search";
import { requestAccess } from "@/lib/requests/create";
import { decideRequest } from "@/lib/requests/decide";
import { issueInvitation } from "@/lib/tokens/issue";
import { validateToken } from "@/lib/tokens/validate";
import { snapshotDatabase } from "../support/db-snapshot.ts";
import { useDatabase } from "../support/use-database.ts";

// SPEC §7: every search, record view, request, decision, grant, revocation, token validation
// (success and failure) and sign-in writes an audit event: a change in its own transaction, a
// read before it returns anything.
describe("the audit trail", () => {
  const db = useDatabase({ poolSize: 4, demo: true });
  const REQUEST = { ip: "198.51.100.23", userAgent: "audit-test" };

  const idOf = async (email: string) =>
    (await db.prisma.provider.findUnique({ where: { email } }))?.id ?? (await db.prisma.familyAccount.findUniqueOrThrow({ where: { email } })).id;

  /** The events `action()` wrote: exactly what happened, nothing more. */
  async function eventsOf(action: () => Promise<unknown>) {
    const last = (await db.prisma.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    await action();
    const events = await db.prisma.auditEvent.findMany({ where: { id: { gt: last } }, orderBy: { id: "asc" } });
    return events.map((event) => ({ action: event.action, outcome: event.outcome, actorType: event.actorType, actorId: event.actorId, patientId: event.patientId, ip: event.ip }));
  }

  it("records each auditable action exactly once, with who, what, which patient, the outcome and where from", async () => {
    const [haddad, ortiz, maria] = await Promise.all(["cardio@fenway.example", "derm@backbay.example", "parent@family.example"].map(idOf)) as [string, string, string];
    const sofia = await db.prisma.patient.findUniqueOrThrow({ where: { mrn: "1000001" } });
    const mateo = await db.prisma.patient.findUniqueOrThrow({ where: { mrn: "1000002" } });
    const provider = (id: string) => ({ actorType: "PROVIDER", actorId: id, ip: REQUEST.ip });
    const family = { actorType: "FAMILY", actorId: maria, ip: REQUEST.ip };

    // Sign-in: a failure (not signed in, so nobody is the actor yet), then a success.
    expect(await eventsOf(() => signInWithPassword(db.prisma, { portal: "mypatients", email: "cardio@fenway.example", password: "not the password" }, REQUEST))).toEqual([
      { action: "auth.sign_in", outcome: "FAILURE", actorType: "ANONYMOUS", actorId: null, ip: REQUEST.ip, patientId: null },
    ]);
    let secret = "";
    expect(
      await eventsOf(async () => {
        const result = await signInWithPassword(db.prisma, { portal: "mypatients", email: "cardio@fenway.example", password: "demo-password-2026" }, REQUEST);
        secret = result.ok ? result.sessionSecret : "";
      }),
    ).toEqual([{ action: "auth.sign_in", outcome: "SUCCESS", ...provider(haddad), patientId: null }]);

    const search = searchInput.parse({ mrn: "1000001", lastName: "", firstName: "", dateOfBirth: "" });
    expect(await eventsOf(() => searchPatients(search, { providerId: haddad, request: REQUEST }, db.prisma))).toEqual([
      { action: "patient.search", outcome: "SUCCESS", ...provider(haddad), patientId: null },
    ]);
    expect(await eventsOf(() => getPatientRecord("1000001", { providerId: haddad, request: REQUEST }, db.prisma))).toEqual([
      { action: "record.view", outcome: "DENIED", ...provider(haddad), patientId: null },
    ]);

    let requestId = "";
    expect(
      await eventsOf(async () => {
        const outcome = await requestAccess({ mrn: "1000001", reason: "" }, { providerId: haddad, request: REQUEST }, db.prisma);
        requestId = outcome.ok ? outcome.requestId : "";
      }),
    ).toEqual([{ action: "request.create", outcome: "SUCCESS", ...provider(haddad), patientId: sofia.id }]);
    expect(await eventsOf(() => decideRequest({ decision: "approve", requestId, accessEnds: "3m" }, { accountId: maria, request: REQUEST }, db.prisma))).toEqual([
      { action: "request.approve", outcome: "SUCCESS", ...family, patientId: sofia.id },
      { action: "grant.create", outcome: "SUCCESS", ...family, patientId: sofia.id },
    ]);
    expect(await eventsOf(() => getPatientRecord("1000001", { providerId: haddad, request: REQUEST }, db.prisma))).toEqual([
      { action: "record.view", outcome: "SUCCESS", ...provider(haddad), patientId: sofia.id },
    ]);
    const grant = await db.prisma.accessGrant.findUniqueOrThrow({ where: { requestId } });
    expect(await eventsOf(() => revokeGrant(grant.id, { accountId: maria, request: REQUEST }, db.prisma))).toEqual([
      { action: "grant.revoke", outcome: "SUCCESS", ...family, patientId: sofia.id },
    ]);

    // A denial.
    const second = await requestAccess({ mrn: "1000002", reason: "" }, { providerId: ortiz, request: REQUEST }, db.prisma);
    expect(await eventsOf(() => decideRequest({ decision: "deny", requestId: second.ok ? second.requestId : "", reason: "" }, { accountId: maria, request: REQUEST }, db.prisma))).toEqual([
      { action: "request.deny", outcome: "SUCCESS", ...family, patientId: mateo.id },
    ]);

    // Token validation: failure, then success (which is also a grant).
    await issueInvitation({ mrn: "1000002", providerEmail: "derm@backbay.example" }, { issuer: { accountId: maria }, request: REQUEST }, db.prisma);
    const token = ((await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: "derm@backbay.example", template: "invitation" }, orderBy: { createdAt: "desc" } })).props as { token: string }).token;
    expect(await eventsOf(() => validateToken({ token, mrn: "1000001" }, { providerId: ortiz, request: REQUEST }, db.prisma))).toEqual([
      { action: "token.validate", outcome: "FAILURE", ...provider(ortiz), patientId: null },
    ]);
    expect(await eventsOf(() => validateToken({ token, mrn: "1000002" }, { providerId: ortiz, request: REQUEST }, db.prisma))).toEqual([
      { action: "token.validate", outcome: "SUCCESS", ...provider(ortiz), patientId: mateo.id },
      { action: "grant.create", outcome: "SUCCESS", ...provider(ortiz), patientId: mateo.id },
    ]);

    expect(await eventsOf(() => signOutSession(db.prisma, "mypatients", secret, REQUEST))).toEqual([{ action: "auth.sign_out", outcome: "SUCCESS", ...provider(haddad), patientId: null }]);
  });

  /** The error of an insert that `failInserts` makes fail: the action must fail for that reason and no other. */
  const FORCED = /forced failure/;

  /** Makes every insert into `table` fail until the returned function is called. */
  async function failInserts(table: string): Promise<() => Promise<void>> {
    const name = `fail_${table.toLowerCase()}`;
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$`);
    await db.prisma.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    return async () => {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
      await db.prisma.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    };
  }

  it("leaves neither the change nor its event when the action fails part-way", async () => {
    const haddad = await idOf("cardio@fenway.example");
    const maria = await idOf("parent@family.example");

    // The request's email cannot be queued: no request, no event.
    let restore = await failInserts("OutboxEmail");
    let before = await snapshotDatabase(db.url);
    await expect(requestAccess({ mrn: "1000002", reason: "" }, { providerId: haddad }, db.prisma)).rejects.toThrow(FORCED);
    expect(await snapshotDatabase(db.url)).toEqual(before);
    await restore();

    // The approval's grant cannot be written: the request stays pending, no event.
    const pending = await requestAccess({ mrn: "1000002", reason: "" }, { providerId: haddad }, db.prisma);
    if (!pending.ok) throw new Error(pending.message);
    restore = await failInserts("AccessGrant");
    before = await snapshotDatabase(db.url);
    await expect(decideRequest({ decision: "approve", requestId: pending.requestId, accessEnds: "none" }, { accountId: maria }, db.prisma)).rejects.toThrow(FORCED);
    expect(await snapshotDatabase(db.url)).toEqual(before);
    await restore();

    // The audit event itself cannot be written: the action does not happen either.
    restore = await failInserts("AuditEvent");
    before = await snapshotDatabase(db.url);
    await expect(decideRequest({ decision: "deny", requestId: pending.requestId, reason: "" }, { accountId: maria }, db.prisma)).rejects.toThrow(FORCED);
    // Nor is anything read shown: not a record, not a search's results; and the search is not
    // counted toward its rate limit (RateLimitWindow), being one statement with its event.
    await expect(getPatientRecord("1000002", { providerId: await idOf("pcp@longwood.example") }, db.prisma)).rejects.toThrow(FORCED);
    await expect(searchPatients({ mrn: "1000002", lastName: "", firstName: "", dateOfBirth: "" }, { providerId: await idOf("pcp@longwood.example") }, db.prisma)).rejects.toThrow(FORCED);
    expect(await snapshotDatabase(db.url)).toEqual(before);
    await restore();
    expect((await db.prisma.accessRequest.findUniqueOrThrow({ where: { id: pending.requestId } })).status).toBe("PENDING");
  });
});
