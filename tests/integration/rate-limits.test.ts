import { describe, expect, it } from "vitest";
import { registerProvider } from "@/lib/auth/registration";
import type { RegistrationInput } from "@/lib/auth/validation";
import { searchInput, searchPatients } from "@/lib/patients/search";
import { RATE_LIMITS, RateLimitedError, TOO_MANY_REGISTRATIONS } from "@/lib/rate-limit";
import { requestAccess } from "@/lib/requests/create";
import { createFamilyAccount, createPatient, createPractice, createProvider, uniqueNpi } from "../support/factories.ts";
import { hasPostgresServer } from "../support/test-database.ts";
import { useDatabase } from "../support/use-database.ts";

const realServer = await hasPostgresServer();
const MINUTE = 60_000;
const T0 = new Date("2026-06-01T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

// SPEC §7: rate limits kept in PostgreSQL, each refusal with a clear message and an audit event.
describe("rate limits", () => {
  const db = useDatabase({ poolSize: 8 });
  const byMrn = (mrn: string) => searchInput.parse({ mrn, lastName: "", firstName: "", dateOfBirth: "" });
  const search = (providerId: string, now: Date) => searchPatients(byMrn("1234567"), { providerId, now, request: { ip: "203.0.113.5" } }, db.prisma);
  const refusals = (actorId: string | null, kind: string) => db.prisma.auditEvent.count({ where: { action: "rate_limit.refuse", outcome: "DENIED", ...(actorId ? { actorId } : {}), details: { path: ["limit"], equals: kind } } });

  it("allows 60 searches per provider in 10 minutes and refuses the 61st with a clear message, audited, without searching", async () => {
    const provider = await createProvider(db.prisma);
    for (let i = 0; i < 60; i++) await search(provider.id, at(i * 1_000));
    const searches = await db.prisma.auditEvent.count({ where: { action: "patient.search", actorId: provider.id } });
    expect(searches).toBe(60);
    await expect(search(provider.id, at(61_000))).rejects.toThrow(new RateLimitedError(RATE_LIMITS.search, at(10 * MINUTE)));
    await expect(search(provider.id, at(61_000))).rejects.toThrow("Too many searches. Try again in a few minutes.");
    expect(await db.prisma.auditEvent.count({ where: { action: "patient.search", actorId: provider.id } })).toBe(60);
    expect(await refusals(provider.id, "SEARCH")).toBe(2);
    // Another provider is not affected; the first may search again once the oldest search is 10 minutes old.
    await expect(search((await createProvider(db.prisma)).id, at(61_000))).resolves.toEqual([]);
    await expect(search(provider.id, at(10 * MINUTE - 1))).rejects.toThrow(RateLimitedError);
    await expect(search(provider.id, at(10 * MINUTE + 1))).resolves.toEqual([]);
  });

  it.runIf(realServer)("lets exactly 60 of 75 simultaneous searches through, across connections", async () => {
    const provider = await createProvider(db.prisma);
    const outcomes = await Promise.allSettled(Array.from({ length: 75 }, () => search(provider.id, T0)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(60);
    expect(outcomes.filter((outcome) => outcome.status === "rejected" && outcome.reason instanceof RateLimitedError)).toHaveLength(15);
    expect(await refusals(provider.id, "SEARCH")).toBe(15);
  });

  it("allows 20 access requests per provider in 24 hours and refuses the 21st, audited, sending nothing", async () => {
    const pcp = await createProvider(db.prisma, { practiceId: (await createPractice(db.prisma, "PRIMARY_CARE")).id });
    const specialist = await createProvider(db.prisma);
    const patients = [];
    for (let i = 0; i < 22; i++) {
      const patient = await createPatient(db.prisma, { pcpId: pcp.id });
      await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
      patients.push(patient);
    }
    const ask = (mrn: string, now: Date) => requestAccess({ mrn, reason: "" }, { providerId: specialist.id, now }, db.prisma);
    for (let i = 0; i < 20; i++) expect((await ask(patients[i]!.mrn, at(i * MINUTE))).ok).toBe(true);
    const emails = await db.prisma.outboxEmail.count({ where: { template: "accessRequested" } });
    expect(await ask(patients[20]!.mrn, at(30 * MINUTE))).toEqual({ ok: false, code: "RATE_LIMITED", message: "You have sent 20 access requests in the last 24 hours. Try again tomorrow." });
    expect(await db.prisma.accessRequest.count({ where: { providerId: specialist.id } })).toBe(20);
    expect(await db.prisma.outboxEmail.count({ where: { template: "accessRequested" } })).toBe(emails);
    expect(await db.prisma.auditEvent.findFirst({ where: { action: "rate_limit.refuse", actorId: specialist.id } })).toMatchObject({ outcome: "DENIED", patientId: patients[20]!.id });
    // A day after the first request, one more may go.
    expect((await ask(patients[21]!.mrn, at(24 * 60 * MINUTE + 1))).ok).toBe(true);
  });

  describe("registrations", () => {
    let counter = 0;
    const PASSWORD = "a long enough passphrase";
    const register = async (ip: string, now: Date, email?: string) => {
      const practiceId = (await createPractice(db.prisma)).id;
      counter += 1;
      const input: RegistrationInput = { intent: "register", notListed: "", fullName: `Dr. Rate ${counter}`, email: email ?? `rate-${counter}-${Date.now()}@clinic.example`, npi: uniqueNpi(), practiceId, password: PASSWORD };
      return registerProvider(db.prisma, input, { ip, userAgent: "vitest" }, now);
    };

    it("allows 5 per client address per hour and refuses the 6th, with a message that reveals no account, audited", async () => {
      const ip = "198.51.100.77";
      for (let i = 0; i < 5; i++) expect(await register(ip, at(i * MINUTE))).toEqual({ ok: true });
      const providers = await db.prisma.provider.count();
      expect(await register(ip, at(10 * MINUTE))).toEqual({ ok: false, rateLimited: TOO_MANY_REGISTRATIONS });
      expect(await db.prisma.provider.count()).toBe(providers);
      expect(await db.prisma.auditEvent.findFirst({ where: { action: "rate_limit.refuse", ip, details: { path: ["limit"], equals: "REGISTRATION_ADDRESS" } } })).toMatchObject({ outcome: "DENIED", actorType: "ANONYMOUS" });
      expect(await register("198.51.100.78", at(10 * MINUTE))).toEqual({ ok: true });
      expect(await register(ip, at(60 * MINUTE + 1))).toEqual({ ok: true });
    });

    it("allows 3 per email per day, whether or not the email has an account, and refuses the 4th from any address", async () => {
      const owner = await createProvider(db.prisma);
      for (const email of [owner.email, `nobody-${Date.now()}@clinic.example`]) {
        for (let i = 0; i < 3; i++) expect(await register(`192.0.2.${10 + i}`, at(i * MINUTE), email)).toEqual({ ok: true });
        const emails = await db.prisma.outboxEmail.count({ where: { to: email } });
        expect(await register("192.0.2.99", at(5 * MINUTE), email)).toEqual({ ok: false, rateLimited: TOO_MANY_REGISTRATIONS });
        expect(await db.prisma.outboxEmail.count({ where: { to: email } })).toBe(emails);
      }
      expect(await refusals(null, "REGISTRATION_EMAIL")).toBe(2);
    });

    it.runIf(realServer)("lets exactly 5 of 12 simultaneous registrations from one address through", async () => {
      const results = await Promise.all(Array.from({ length: 12 }, () => register("198.51.100.200", T0)));
      expect(results.filter((result) => result.ok)).toHaveLength(5);
      expect(results.filter((result) => !result.ok && "rateLimited" in result)).toHaveLength(7);
    });
  });
});
