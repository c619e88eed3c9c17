import { beforeAll, describe, expect, it } from "vitest";
import { inspectVerification, NPI_TAKEN, PRACTICE_LISTED, registerProvider, UNKNOWN_PRACTICE, verifyProviderEmail } from "@/lib/auth/registration";
import { hashSecret } from "@/lib/auth/secrets";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { RegistrationInput } from "@/lib/auth/validation";
import { snapshotDatabase } from "../support/db-snapshot.ts";
import { createPractice, createProvider, uniqueNpi } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const PASSWORD = "a long enough passphrase";
const REQUEST = { ip: "192.0.2.1", userAgent: "vitest" };
const T0 = new Date("2026-03-03T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;
let addresses = 0;
/** A client address of its own, so the per-address registration limit (tested in rate-limits.test.ts) stays out of the way. */
const newAddress = () => ({ ip: `198.18.${Math.floor(++addresses / 250)}.${addresses % 250}`, userAgent: "vitest" });

describe("MyPatients registration and email verification (SPEC §4)", () => {
  const db = useDatabase({ poolSize: 4 });
  let practiceId: string;
  let counter = 0;

  beforeAll(async () => {
    practiceId = (await createPractice(db.prisma)).id;
  });

  type ListedPractice = Extract<RegistrationInput, { notListed: "" }>;
  function input(overrides: Partial<ListedPractice> = {}): ListedPractice {
    counter += 1;
    return { intent: "register", notListed: "", fullName: `Dr. New ${counter}`, email: `new-${counter}-${Date.now()}@clinic.example`, npi: uniqueNpi(), practiceId, password: PASSWORD, ...overrides };
  }

  /** The secret of the newest verification email to `to`, as the emailed link carries it. */
  async function emailedSecret(to: string): Promise<string> {
    const email = await db.prisma.outboxEmail.findFirstOrThrow({ where: { to, template: "verifyEmail" }, orderBy: { createdAt: "desc" } });
    return (email.props as { secret: string }).secret;
  }

  const signIn = (email: string, now: Date) => signInWithPassword(db.prisma, { portal: "mypatients", email, password: PASSWORD }, REQUEST, now);

  it("creates an unverified provider and queues the verification email, storing only the link's hash", async () => {
    const data = input();
    expect(await registerProvider(db.prisma, data, newAddress(), T0)).toEqual({ ok: true });

    const provider = await db.prisma.provider.findUniqueOrThrow({ where: { email: data.email }, select: { id: true, status: true, npi: true, practiceId: true, passwordHash: true, emailVerifiedAt: true } });
    expect(provider).toMatchObject({ status: "UNVERIFIED", npi: data.npi, practiceId, emailVerifiedAt: null });
    expect(provider.passwordHash).toMatch(/^\$argon2id\$/);

    const outbox = await db.prisma.outboxEmail.findMany({ where: { to: data.email } });
    expect(outbox).toEqual([expect.objectContaining({ subject: "Verify your MyPatients email", template: "verifyEmail" })]);
    const secret = await emailedSecret(data.email);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const verification = await db.prisma.emailVerification.findFirstOrThrow({ where: { providerId: provider.id } });
    expect(verification.tokenHash).toBe(hashSecret(secret));
    expect(verification.expiresAt).toEqual(at(24 * HOUR));

    expect(await signIn(data.email, at(HOUR))).toEqual({ ok: false });
  });

  it("carries an invitation's destination into the verification email, so it survives verification and sign-in", async () => {
    const data = input();
    expect(await registerProvider(db.prisma, { ...data, next: "/mypatients/validate-token?mrn=1000002" }, REQUEST, T0)).toEqual({ ok: true });
    const email = await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: data.email, template: "verifyEmail" } });
    expect(email.props).toMatchObject({ next: "/mypatients/validate-token?mrn=1000002" });
    const plain = input();
    await registerProvider(db.prisma, { ...plain, next: null }, REQUEST, T0);
    expect(Object.keys((await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: plain.email, template: "verifyEmail" } })).props as object)).not.toContain("next");
  });

  it("activates the account once the link is followed; the link then works no more", async () => {
    const data = input();
    await registerProvider(db.prisma, data, newAddress(), T0);
    const secret = await emailedSecret(data.email);

    expect(await inspectVerification(db.prisma, secret, at(HOUR))).toBe("valid");
    expect(await verifyProviderEmail(db.prisma, secret, REQUEST, at(HOUR))).toEqual({ ok: true });
    const provider = await db.prisma.provider.findUniqueOrThrow({ where: { email: data.email } });
    expect(provider).toMatchObject({ status: "ACTIVE", emailVerifiedAt: at(HOUR) });
    expect((await signIn(data.email, at(2 * HOUR))).ok).toBe(true);

    const before = await snapshotDatabase(db.url);
    expect(await inspectVerification(db.prisma, secret, at(3 * HOUR))).toBe("used");
    expect(await verifyProviderEmail(db.prisma, secret, REQUEST, at(3 * HOUR))).toEqual({ ok: false, state: "used" });
    expect(await snapshotDatabase(db.url)).toEqual(before);
  });

  it("refuses a link after 24 hours, changing nothing", async () => {
    const data = input();
    await registerProvider(db.prisma, data, newAddress(), T0);
    const secret = await emailedSecret(data.email);
    const before = await snapshotDatabase(db.url);
    expect(await inspectVerification(db.prisma, secret, at(24 * HOUR))).toBe("expired");
    expect(await verifyProviderEmail(db.prisma, secret, REQUEST, at(24 * HOUR))).toEqual({ ok: false, state: "expired" });
    expect(await snapshotDatabase(db.url)).toEqual(before);
    expect((await db.prisma.provider.findUniqueOrThrow({ where: { email: data.email } })).status).toBe("UNVERIFIED");
  });

  it("refuses unknown and malformed links, changing nothing", async () => {
    const before = await snapshotDatabase(db.url);
    for (const secret of ["A".repeat(43), "short", "", undefined, ["x"], "A".repeat(43) + "'; DROP TABLE"]) {
      expect(await verifyProviderEmail(db.prisma, secret, REQUEST, T0)).toEqual({ ok: false, state: "unknown" });
    }
    expect(await snapshotDatabase(db.url)).toEqual(before);
  });

  it("answers a registered email exactly like a new one, emails its owner instead, and changes nothing else", async () => {
    const owner = await createProvider(db.prisma);
    const ownerBefore = await db.prisma.provider.findUniqueOrThrow({ where: { id: owner.id } });
    const providersBefore = await db.prisma.provider.count();

    expect(await registerProvider(db.prisma, input({ email: owner.email.toLowerCase(), fullName: "Someone Else" }), newAddress(), T0)).toEqual({ ok: true });

    expect(await db.prisma.provider.count()).toBe(providersBefore);
    expect(await db.prisma.provider.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(ownerBefore);
    const outbox = await db.prisma.outboxEmail.findMany({ where: { to: owner.email } });
    expect(outbox).toEqual([expect.objectContaining({ template: "registrationAttempt", subject: "Someone tried to register with your MyPatients email", props: { fullName: owner.fullName } })]);
    expect(await db.prisma.emailVerification.count({ where: { providerId: owner.id } })).toBe(0);
  });

  it("refuses an NPI that is already registered, saying so, and changes nothing", async () => {
    const holder = await createProvider(db.prisma);
    const before = await snapshotDatabase(db.url);
    expect(await registerProvider(db.prisma, input({ npi: holder.npi }), newAddress(), T0)).toEqual({ ok: false, fieldErrors: { npi: NPI_TAKEN } });
    expect(await snapshotDatabase(db.url)).toEqual(before);
  });

  it("refuses a practice that does not exist, changing nothing", async () => {
    const before = await snapshotDatabase(db.url);
    const result = await registerProvider(db.prisma, input({ practiceId: "00000000-0000-4000-8000-000000000000" }), newAddress(), T0);
    expect(result).toEqual({ ok: false, fieldErrors: { practiceId: UNKNOWN_PRACTICE } });
    expect(await snapshotDatabase(db.url)).toEqual(before);
  });

  it("lets the email and NPI of a registration whose link expired unverified be registered again", async () => {
    const first = input();
    await registerProvider(db.prisma, first, newAddress(), T0);
    const oldSecret = await emailedSecret(first.email);

    // While the first link is valid, the email is taken (its owner is emailed) and so is the NPI.
    await registerProvider(db.prisma, input({ email: first.email }), newAddress(), at(HOUR));
    expect(await db.prisma.outboxEmail.count({ where: { to: first.email, template: "registrationAttempt" } })).toBe(1);
    expect(await registerProvider(db.prisma, input({ npi: first.npi }), newAddress(), at(HOUR))).toEqual({ ok: false, fieldErrors: { npi: NPI_TAKEN } });

    // After it expired, a new registration with either replaces it.
    const second = input({ email: first.email, npi: first.npi, fullName: "Dr. Rightful Owner" });
    expect(await registerProvider(db.prisma, second, newAddress(), at(25 * HOUR))).toEqual({ ok: true });
    const providers = await db.prisma.provider.findMany({ where: { email: first.email } });
    expect(providers).toEqual([expect.objectContaining({ fullName: "Dr. Rightful Owner", status: "UNVERIFIED" })]);
    expect(await inspectVerification(db.prisma, oldSecret, at(25 * HOUR))).toBe("unknown");
    expect(await verifyProviderEmail(db.prisma, await emailedSecret(first.email), REQUEST, at(26 * HOUR))).toEqual({ ok: true });
  });

  it("keeps a verified or disabled account's email and NPI however old its links are", async () => {
    const data = input();
    await registerProvider(db.prisma, data, newAddress(), T0);
    await verifyProviderEmail(db.prisma, await emailedSecret(data.email), REQUEST, at(HOUR));
    expect(await registerProvider(db.prisma, input({ npi: data.npi }), newAddress(), at(100 * HOUR))).toEqual({ ok: false, fieldErrors: { npi: NPI_TAKEN } });
    await registerProvider(db.prisma, input({ email: data.email }), newAddress(), at(100 * HOUR));
    expect((await db.prisma.provider.findUniqueOrThrow({ where: { email: data.email } })).status).toBe("ACTIVE");
  });

  describe("memberships (SPEC §2: nobody vouches for themselves)", () => {
    it("makes a newcomer's membership wait, and tells the practice's site administrators once the email is verified", async () => {
      const practice = await createPractice(db.prisma, "PRIMARY_CARE");
      const admin = await createProvider(db.prisma, { practiceId: practice.id, role: "SITE_ADMIN" });
      const data = input({ practiceId: practice.id });
      await registerProvider(db.prisma, data, newAddress(), T0);
      expect(await db.prisma.outboxEmail.count({ where: { to: admin.email, template: "membershipWaiting" } })).toBe(0);
      await verifyProviderEmail(db.prisma, await emailedSecret(data.email), REQUEST, at(HOUR));
      expect(await db.prisma.provider.findUniqueOrThrow({ where: { email: data.email } })).toMatchObject({ status: "ACTIVE", membershipStatus: "PENDING", practiceId: practice.id });
      const waiting = await db.prisma.outboxEmail.findMany({ where: { to: admin.email, template: "membershipWaiting" } });
      expect(waiting.map((email) => email.props)).toEqual([expect.objectContaining({ providerName: data.fullName, audience: "siteAdmin" })]);
    });

    it("creates a practice that is not listed as pending, tells hospital staff, and lets the next newcomer of it join it", async () => {
      const staff = await db.prisma.staff.create({ data: { email: `staff-${Date.now()}@hospital.example`, fullName: "Staff Member" } });
      const name = `Jamaica Plain Family Medicine ${Date.now()}`;
      const first = { ...input(), notListed: "on" as const, practiceName: name, practiceCity: "Jamaica Plain", practicePhone: "617-555-0193" };
      const { practiceId: _listed, ...newPractice } = first;
      expect(await registerProvider(db.prisma, newPractice, newAddress(), T0)).toEqual({ ok: true });
      const practice = await db.prisma.practice.findUniqueOrThrow({ where: { name } });
      expect(practice).toMatchObject({ status: "PENDING", city: "Jamaica Plain", phone: "617-555-0193" });
      await verifyProviderEmail(db.prisma, await emailedSecret(first.email), REQUEST, at(HOUR));
      expect(await db.prisma.outboxEmail.count({ where: { to: staff.email, template: "membershipWaiting", props: { path: ["audience"], equals: "staff" } } })).toBe(1);

      const { practiceId: _other, ...second } = { ...input(), notListed: "on" as const, practiceName: name.toUpperCase(), practiceCity: "Boston", practicePhone: "617-555-0000" };
      expect(await registerProvider(db.prisma, second, newAddress(), T0)).toEqual({ ok: true });
      expect((await db.prisma.provider.findUniqueOrThrow({ where: { email: second.email } })).practiceId).toBe(practice.id);
      expect(await db.prisma.practice.count({ where: { name: { equals: name, mode: "insensitive" } } })).toBe(1);
    });

    it("refuses a practice chosen from the list that is not enrolled, and a new practice named like an enrolled one", async () => {
      const pending = await createPractice(db.prisma, "PRIMARY_CARE", "PENDING");
      expect(await registerProvider(db.prisma, input({ practiceId: pending.id }), newAddress(), T0)).toEqual({ ok: false, fieldErrors: { practiceId: UNKNOWN_PRACTICE } });
      const enrolled = await db.prisma.practice.findUniqueOrThrow({ where: { id: practiceId } });
      const { practiceId: _unused, ...named } = { ...input(), notListed: "on" as const, practiceName: enrolled.name.toLowerCase(), practiceCity: "Boston", practicePhone: "617-555-0100" };
      expect(await registerProvider(db.prisma, named, newAddress(), T0)).toEqual({ ok: false, fieldErrors: { practiceName: PRACTICE_LISTED } });
    });
  });
});
