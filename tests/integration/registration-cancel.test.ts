import { describe, expect, it } from "vitest";
import { cancelRegistration, inspectVerification, pendingRegistration, registerProvider, verifyProviderEmail } from "@/lib/auth/registration";
import type { RegistrationInput } from "@/lib/auth/validation";
import { createPractice, uniqueNpi } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const PASSWORD = "a long enough passphrase";
let counter = 0;
const from = () => ({ ip: `198.19.0.${++counter}`, userAgent: "vitest" });

// SPEC §4 and issue 16: the verification page shows what it is about to activate, and offers
// "This wasn't me", which cancels the registration and frees its email and NPI.
describe("the verification page's view of a registration, and This wasn't me", () => {
  const db = useDatabase();

  async function registered(overrides: Partial<RegistrationInput> = {}) {
    const practice = await createPractice(db.prisma);
    counter += 1;
    const input = { intent: "register", notListed: "", fullName: `Dr. Someone ${counter}`, email: `someone-${counter}-${Date.now()}@clinic.example`, npi: uniqueNpi(), practiceId: practice.id, password: PASSWORD, ...overrides } as RegistrationInput;
    expect(await registerProvider(db.prisma, input, from())).toEqual({ ok: true });
    const email = await db.prisma.outboxEmail.findFirstOrThrow({ where: { to: input.email, template: "verifyEmail" }, orderBy: { createdAt: "desc" } });
    return { input, practice, secret: (email.props as { secret: string }).secret };
  }

  it("shows the name, NPI and practice of a valid link, and nothing for any other", async () => {
    const { input, practice, secret } = await registered();
    expect(await pendingRegistration(db.prisma, secret)).toEqual({ fullName: input.fullName, npi: input.npi, practiceName: practice.name });
    expect(await pendingRegistration(db.prisma, "A".repeat(43))).toBeNull();
    expect(await pendingRegistration(db.prisma, "not a secret")).toBeNull();
    expect(await verifyProviderEmail(db.prisma, secret, from())).toEqual({ ok: true });
    expect(await pendingRegistration(db.prisma, secret)).toBeNull();
  });

  it("cancels the registration, freeing its email and NPI for their owner, and audits it; the link is spent", async () => {
    const { input, secret } = await registered();
    expect(await cancelRegistration(db.prisma, secret, from())).toEqual({ ok: true });
    expect(await db.prisma.provider.count({ where: { OR: [{ email: input.email }, { npi: input.npi }] } })).toBe(0);
    expect(await inspectVerification(db.prisma, secret)).toBe("unknown");
    expect(await verifyProviderEmail(db.prisma, secret, from())).toEqual({ ok: false, state: "unknown" });
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.registration_cancel", outcome: "SUCCESS", details: { path: ["npi"], equals: input.npi } } })).toBe(1);
    // The rightful owner registers with the same email and NPI straight away.
    const again = await registerProvider(db.prisma, { ...input, fullName: "Dr. Rightful Owner" }, from());
    expect(again).toEqual({ ok: true });
    expect(await db.prisma.provider.findUniqueOrThrow({ where: { email: input.email } })).toMatchObject({ fullName: "Dr. Rightful Owner", status: "UNVERIFIED" });
  });

  it("also removes the practice the registration named as not listed, when nobody else named it", async () => {
    const name = `Unlisted Clinic ${Date.now()}`;
    const { secret } = await registered({ notListed: "on", practiceName: name, practiceCity: "Boston", practicePhone: "617-555-0100" } as Partial<RegistrationInput>);
    expect(await db.prisma.practice.count({ where: { name } })).toBe(1);
    expect(await cancelRegistration(db.prisma, secret, from())).toEqual({ ok: true });
    expect(await db.prisma.practice.count({ where: { name } })).toBe(0);
  });

  it("cannot cancel an account that is already verified, nor with a used or unknown link", async () => {
    const { input, secret } = await registered();
    expect(await verifyProviderEmail(db.prisma, secret, from())).toEqual({ ok: true });
    expect(await cancelRegistration(db.prisma, secret, from())).toEqual({ ok: false, state: "used" });
    expect(await cancelRegistration(db.prisma, "B".repeat(43), from())).toEqual({ ok: false, state: "unknown" });
    expect(await db.prisma.provider.findUniqueOrThrow({ where: { email: input.email } })).toMatchObject({ status: "ACTIVE" });
  });
});
