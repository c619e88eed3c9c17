import { describe, expect, it } from "vitest";
import { managedBy } from "@/lib/access";
import { auditCsv, auditPage, AUDIT_PAGE_SIZE, EMPTY_FILTERS } from "@/lib/audit/search";
import { ABSOLUTE_TIMEOUT_MS, createSession, IDLE_TIMEOUT_MS, validateSession } from "@/lib/auth/session-store";
import { signOutSession } from "@/lib/auth/sign-out";
import { mayStaffSignIn, openStaffSession } from "@/lib/auth/staff-sign-in";
import { issueActivationCode } from "@/lib/family/activation";
import { disableFamilyAccount, endPatientLink } from "@/lib/family/hospital";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { consoleCounts, recordStaffView, searchFamilies, searchProviders } from "@/lib/staff/console";
import { createFamilyAccount, createPatient, createPractice, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const T0 = new Date("2026-03-02T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const REQUEST = { ip: "203.0.113.9", userAgent: "staff-console-test" };

// SPEC §5b, §7: staff sign in through the hospital's identity provider, and only those on the staff
// list get in; their sessions are revocable rows with the same timeouts as the portals'. What they
// do, and every page they open, is audited.
describe("the staff console", () => {
  const db = useDatabase({ poolSize: 4 });
  let counter = 0;

  async function createStaff(options: { disabled?: boolean } = {}) {
    counter += 1;
    const email = `staff-${Date.now().toString(36)}-${counter}@hospital.example`;
    return db.prisma.staff.create({ data: { email, fullName: `Staff Member ${counter}`, disabledAt: options.disabled ? new Date() : null } });
  }

  const identity = (email: string, extra: { email_verified?: boolean } = {}) => ({ sub: email, email, iss: "http://127.0.0.1:1", email_verified: true, ...extra });

  describe("sign-in", () => {
    it("lets in an identity on the staff list, whatever the case of its email, and audits the sign-in", async () => {
      const staff = await createStaff();
      expect(await mayStaffSignIn(db.prisma, identity(staff.email.toUpperCase()), REQUEST)).toBe(true);
      const secret = await openStaffSession(db.prisma, identity(staff.email.toUpperCase()), REQUEST, T0);
      expect(secret).toEqual(expect.any(String));
      expect(await validateSession(db.prisma, "staff", secret!, at(MINUTE))).toMatchObject({ portal: "staff", staffId: staff.id, email: staff.email, fullName: staff.fullName });
      expect(await db.prisma.auditEvent.count({ where: { action: "auth.sign_in", actorType: "STAFF", actorId: staff.email, outcome: "SUCCESS" } })).toBe(1);
    });

    it("refuses, and audits, an identity that is not on the staff list", async () => {
      const email = `visitor-${Date.now().toString(36)}@hospital.example`;
      expect(await mayStaffSignIn(db.prisma, identity(email), REQUEST)).toBe(false);
      expect(await openStaffSession(db.prisma, identity(email), REQUEST)).toBeNull();
      const refusals = await db.prisma.auditEvent.findMany({ where: { action: "staff.sign_in_refused", details: { path: ["email"], equals: email } } });
      expect(refusals).toHaveLength(1);
      expect(refusals[0]).toMatchObject({ actorType: "ANONYMOUS", outcome: "DENIED", ip: REQUEST.ip });
    });

    it("refuses a disabled staff member, and an identity whose email the identity provider has not verified", async () => {
      const disabled = await createStaff({ disabled: true });
      const unverified = await createStaff();
      expect(await mayStaffSignIn(db.prisma, identity(disabled.email), REQUEST)).toBe(false);
      expect(await mayStaffSignIn(db.prisma, identity(unverified.email, { email_verified: false }), REQUEST)).toBe(false);
      expect(await mayStaffSignIn(db.prisma, { sub: "no-email" }, REQUEST)).toBe(false);
      expect(await db.prisma.auditEvent.count({ where: { action: "staff.sign_in_refused", details: { path: ["email"], equals: unverified.email } } })).toBe(1);
    });
  });

  describe("sessions", () => {
    async function staffSession() {
      const staff = await createStaff();
      const session = await createSession(db.prisma, { portal: "staff", staffId: staff.id }, T0);
      return { staff, ...session };
    }

    it("end after 30 minutes without a request, and 12 hours after sign-in however busy", async () => {
      const { secret } = await staffSession();
      expect(await validateSession(db.prisma, "staff", secret, at(29 * MINUTE))).not.toBeNull();
      expect(await validateSession(db.prisma, "staff", secret, at(29 * MINUTE + IDLE_TIMEOUT_MS))).toBeNull();

      const busy = await staffSession();
      for (let minute = 25; minute < ABSOLUTE_TIMEOUT_MS / MINUTE; minute += 25) {
        expect(await validateSession(db.prisma, "staff", busy.secret, at(minute * MINUTE))).not.toBeNull();
      }
      expect(await validateSession(db.prisma, "staff", busy.secret, at(ABSOLUTE_TIMEOUT_MS))).toBeNull();
    });

    it("end at sign-out (audited as the staff member), and when the staff member is disabled", async () => {
      const { staff, secret } = await staffSession();
      expect(await signOutSession(db.prisma, "staff", secret, REQUEST, at(MINUTE))).toBe(true);
      expect(await validateSession(db.prisma, "staff", secret, at(2 * MINUTE))).toBeNull();
      expect(await db.prisma.auditEvent.count({ where: { action: "auth.sign_out", actorType: "STAFF", actorId: staff.email } })).toBe(1);

      const other = await staffSession();
      await db.prisma.staff.update({ where: { id: other.staff.id }, data: { disabledAt: at(MINUTE) } });
      expect(await validateSession(db.prisma, "staff", other.secret, at(2 * MINUTE))).toBeNull();
      expect((await db.prisma.session.findUniqueOrThrow({ where: { id: other.id } })).revokedAt).not.toBeNull();
    });

    it("open nothing in the other portals, and theirs open nothing in the console", async () => {
      const { secret } = await staffSession();
      expect(await validateSession(db.prisma, "mypatients", secret, at(MINUTE))).toBeNull();
      expect(await validateSession(db.prisma, "mychildren", secret, at(MINUTE))).toBeNull();
      const provider = await createProvider(db.prisma);
      const providerSession = await createSession(db.prisma, { portal: "mypatients", providerId: provider.id }, T0);
      expect(await validateSession(db.prisma, "staff", providerSession.secret, at(MINUTE))).toBeNull();
      const account = await createFamilyAccount(db.prisma);
      const familySession = await createSession(db.prisma, { portal: "mychildren", accountId: account.id }, T0);
      expect(await validateSession(db.prisma, "staff", familySession.secret, at(MINUTE))).toBeNull();
    });
  });

  describe("actions on families", () => {
    async function guardianOfTwo() {
      const pcp = await createProvider(db.prisma);
      const first = await createPatient(db.prisma, { pcpId: pcp.id, dateOfBirth: "2018-03-14" });
      const second = await createPatient(db.prisma, { pcpId: pcp.id, dateOfBirth: "2015-07-02" });
      const account = await createFamilyAccount(db.prisma, [
        { patientId: first.id, relationship: "GUARDIAN" },
        { patientId: second.id, relationship: "GUARDIAN" },
      ]);
      return { account, first, second };
    }

    const manages = async (accountId: string, patientId: string) => (await db.prisma.patient.count({ where: { AND: [{ id: patientId }, managedBy(accountId, new Date())] } })) === 1;

    it("disabling an account ends its sessions at once and is audited; a second disable changes nothing", async () => {
      const { account } = await guardianOfTwo();
      const session = await createSession(db.prisma, { portal: "mychildren", accountId: account.id }, new Date());
      expect(await disableFamilyAccount(account.id, { staff: "staff@hospital.example", request: REQUEST }, db.prisma)).toEqual({ ok: true });
      expect(await validateSession(db.prisma, "mychildren", session.secret, new Date())).toBeNull();
      expect(await db.prisma.auditEvent.count({ where: { action: "family.disable", actorType: "STAFF", actorId: "staff@hospital.example", details: { path: ["accountId"], equals: account.id } } })).toBe(1);
      expect(await disableFamilyAccount(account.id, { staff: "staff@hospital.example" }, db.prisma)).toMatchObject({ ok: false });
      expect(await db.prisma.auditEvent.count({ where: { action: "family.disable", details: { path: ["accountId"], equals: account.id } } })).toBe(1);
    });

    it("ending a link keeps the reason and who ended it, ends the account's sessions, and the account stops managing that patient only", async () => {
      const { account, first, second } = await guardianOfTwo();
      const link = await db.prisma.patientLink.findFirstOrThrow({ where: { accountId: account.id, patientId: second.id } });
      const session = await createSession(db.prisma, { portal: "mychildren", accountId: account.id }, new Date());
      expect(await endPatientLink(link.id, "Custody change", { staff: "staff@hospital.example", request: REQUEST }, db.prisma)).toEqual({ ok: true });
      expect(await validateSession(db.prisma, "mychildren", session.secret, new Date())).toBeNull();
      expect(await manages(account.id, second.id)).toBe(false);
      expect(await manages(account.id, first.id)).toBe(true);
      expect(await db.prisma.patientLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ endedReason: "Custody change", endedByStaff: "staff@hospital.example" });
      const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "family.end_link", patientId: second.id } });
      expect(event.details).toMatchObject({ accountId: account.id, reason: "Custody change" });
      expect(await endPatientLink(link.id, "Again", { staff: "staff@hospital.example" }, db.prisma)).toMatchObject({ ok: false });
    });

    it("issuing an activation code records who asked, from where; only the code's hash is stored", async () => {
      const { first } = await guardianOfTwo();
      const result = await issueActivationCode({ mrn: first.mrn, relationship: "GUARDIAN" }, { staff: "staff@hospital.example", request: REQUEST }, db.prisma);
      if (!result.ok) throw new Error(result.message);
      const rows = await db.prisma.activationCode.findMany({ where: { patientId: first.id } });
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(result.code);
      expect(await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "activation.issue", patientId: first.id } })).toMatchObject({ actorId: "staff@hospital.example", ip: REQUEST.ip });
    });

    it("finds accounts by part of the email or by a linked patient's MRN", async () => {
      const { account, first } = await guardianOfTwo();
      expect((await searchFamilies({ email: account.email.slice(0, 20).toUpperCase() }, db.prisma)).map((found) => found.id)).toContain(account.id);
      expect((await searchFamilies({ mrn: first.mrn }, db.prisma)).map((found) => found.id)).toEqual([account.id]);
      expect(await searchFamilies({}, db.prisma)).toEqual([]);
    });
  });

  describe("pages", () => {
    it("every page view writes an audit event naming the page and what was asked", async () => {
      const staff = await createStaff();
      await recordStaffView({ portal: "staff", sessionId: "s", staffId: staff.id, email: staff.email, fullName: staff.fullName }, "families", { mrn: "1000002" }, REQUEST, db.prisma);
      const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "staff.view", actorId: staff.email } });
      expect(event.details).toEqual({ page: "families", mrn: "1000002" });
    });

    it("the home page counts the providers waiting for the hospital and the practices waiting to be enrolled", async () => {
      const before = await consoleCounts(db.prisma);
      const practice = await createPractice(db.prisma, "PRIMARY_CARE", "PENDING");
      await createProvider(db.prisma, { practiceId: practice.id, membership: "PENDING" });
      const after = await consoleCounts(db.prisma);
      expect(after.pendingPractices).toBe(before.pendingPractices + 1);
      expect(after.waitingProviders).toBe(before.waitingProviders + 1);
    });

    it("finds providers by part of the name or email, or by NPI", async () => {
      const provider = await createProvider(db.prisma);
      expect((await searchProviders(provider.npi, db.prisma)).map((found) => found.id)).toEqual([provider.id]);
      expect((await searchProviders(provider.email.toUpperCase(), db.prisma)).map((found) => found.id)).toEqual([provider.id]);
      expect(await searchProviders("x", db.prisma)).toEqual([]);
    });
  });

  describe("the audit log", () => {
    /** `count` events of a fresh action-free marker (a patient of their own), oldest first. */
    async function eventsFor(count: number) {
      const pcp = await createProvider(db.prisma);
      const patient = await createPatient(db.prisma, { pcpId: pcp.id });
      await db.prisma.auditEvent.createMany({ data: Array.from({ length: count }, (_, index) => ({ actorType: "SYSTEM" as const, action: "record.view", outcome: "SUCCESS" as const, patientId: patient.id, details: { n: index } })) });
      return patient;
    }

    it("pages newest first by keyset, each event once, filtered by MRN", async () => {
      const patient = await eventsFor(AUDIT_PAGE_SIZE + 7);
      const filters = { ...EMPTY_FILTERS, mrn: patient.mrn };
      const first = await auditPage(filters, null, db.prisma);
      expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
      expect(first.next).not.toBeNull();
      const second = await auditPage(filters, BigInt(first.next!), db.prisma);
      expect(second.events).toHaveLength(7);
      expect(second.next).toBeNull();
      const ns = [...first.events, ...second.events].map((event) => (event.details as { n: number }).n);
      expect(ns).toEqual(Array.from({ length: AUDIT_PAGE_SIZE + 7 }, (_, index) => AUDIT_PAGE_SIZE + 6 - index));
      expect((await auditPage({ ...filters, action: "grant.create" }, null, db.prisma)).events).toEqual([]);
      expect((await auditPage({ ...EMPTY_FILTERS, mrn: "9999999" }, null, db.prisma)).events).toEqual([]);
    });

    it("exports CSV read in bounded batches, stopping at the limit with a line that says so", async () => {
      const patient = await eventsFor(25);
      const takes: number[] = [];
      const observed = db.prisma.$extends({
        query: {
          auditEvent: {
            async findMany({ args, query }) {
              takes.push(args.take ?? Number.POSITIVE_INFINITY);
              return query(args);
            },
          },
        },
      }) as unknown as PrismaClient;
      const lines: string[] = [];
      for await (const line of auditCsv({ ...EMPTY_FILTERS, mrn: patient.mrn }, { limit: 10, batch: 4 }, observed)) lines.push(line);
      expect(lines[0]).toBe("id,occurred_at,actor_type,actor,action,outcome,mrn,ip,user_agent,details\r\n");
      expect(lines.slice(1, 11).every((line) => line.includes(`"${patient.mrn}"`))).toBe(true);
      expect(lines[11]).toContain("The export stops at 10 rows");
      expect(lines).toHaveLength(12);
      expect(Math.max(...takes)).toBeLessThanOrEqual(4);

      const all: string[] = [];
      for await (const line of auditCsv({ ...EMPTY_FILTERS, mrn: patient.mrn }, { batch: 4 }, db.prisma)) all.push(line);
      expect(all).toHaveLength(26);
    });

    it("defuses cells a spreadsheet would run as formulas", async () => {
      const pcp = await createProvider(db.prisma);
      const patient = await createPatient(db.prisma, { pcpId: pcp.id });
      await db.prisma.auditEvent.create({ data: { actorType: "ANONYMOUS", action: "record.view", outcome: "FAILURE", patientId: patient.id, userAgent: '=HYPERLINK("http://evil.example")' } });
      const lines: string[] = [];
      for await (const line of auditCsv({ ...EMPTY_FILTERS, mrn: patient.mrn }, {}, db.prisma)) lines.push(line);
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    });
  });
});
