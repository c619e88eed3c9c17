import { describe, expect, it } from "vitest";
import { disableFamilyAccount } from "@/lib/family/hospital";
import { disableProvider } from "@/lib/practices/hospital";
import { ABSOLUTE_TIMEOUT_MS, createSession, IDLE_TIMEOUT_MS, TOUCH_INTERVAL_MS, validateSession } from "@/lib/auth/session-store";
import { signOutSession } from "@/lib/auth/sign-out";
import { createFamilyAccount, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const T0 = new Date("2026-03-02T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

describe("server-side sessions (SPEC §7)", () => {
  const db = useDatabase({ poolSize: 4 });

  async function providerSession(now = T0) {
    const provider = await createProvider(db.prisma);
    const session = await createSession(db.prisma, { portal: "mypatients", providerId: provider.id }, now);
    return { provider, ...session };
  }

  it("identifies the provider of a fresh session", async () => {
    const { provider, id, secret } = await providerSession();
    expect(await validateSession(db.prisma, "mypatients", secret, at(MINUTE))).toEqual({
      portal: "mypatients",
      sessionId: id,
      providerId: provider.id,
      fullName: provider.fullName,
      email: provider.email,
      practiceId: provider.practiceId,
      membership: "APPROVED",
      siteAdmin: false,
    });
  });

  it("ends after 30 minutes without a request; each request starts the 30 minutes again", async () => {
    const { secret } = await providerSession();
    expect(await validateSession(db.prisma, "mypatients", secret, at(29 * MINUTE))).not.toBeNull();
    expect(await validateSession(db.prisma, "mypatients", secret, at(58 * MINUTE))).not.toBeNull();
    expect(await validateSession(db.prisma, "mypatients", secret, at(58 * MINUTE + IDLE_TIMEOUT_MS))).toBeNull();
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const { id, secret } = await providerSession();
    await validateSession(db.prisma, "mypatients", secret, at(TOUCH_INTERVAL_MS - 1));
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(T0);
    await validateSession(db.prisma, "mypatients", secret, at(TOUCH_INTERVAL_MS));
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(at(TOUCH_INTERVAL_MS));
  });

  it("ends 12 hours after sign-in however busy the user is", async () => {
    const { secret } = await providerSession();
    for (let t = 20 * MINUTE; t < ABSOLUTE_TIMEOUT_MS; t += 20 * MINUTE) {
      expect(await validateSession(db.prisma, "mypatients", secret, at(t)), `at ${t / MINUTE} min`).not.toBeNull();
    }
    expect(await validateSession(db.prisma, "mypatients", secret, at(ABSOLUTE_TIMEOUT_MS))).toBeNull();
  });

  it("ends at once on sign-out, which is audited once", async () => {
    const { provider, id, secret } = await providerSession();
    expect(await signOutSession(db.prisma, "mypatients", secret, { ip: "198.51.100.1", userAgent: "vitest" }, at(MINUTE))).toBe(true);
    expect(await validateSession(db.prisma, "mypatients", secret, at(MINUTE + 1))).toBeNull();
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id } })).revokedAt).toEqual(at(MINUTE));
    expect(await signOutSession(db.prisma, "mypatients", secret, {}, at(2 * MINUTE))).toBe(false);
    const events = await db.prisma.auditEvent.findMany({ where: { actorId: provider.id, action: "auth.sign_out" } });
    expect(events).toEqual([expect.objectContaining({ actorType: "PROVIDER", outcome: "SUCCESS", ip: "198.51.100.1" })]);
  });

  it("ends every session of a provider who is disabled, on the next request", async () => {
    const provider = await createProvider(db.prisma);
    const first = await createSession(db.prisma, { portal: "mypatients", providerId: provider.id }, T0);
    const second = await createSession(db.prisma, { portal: "mypatients", providerId: provider.id }, T0);
    const bystander = await providerSession();
    expect(await disableProvider(provider.id, { staff: "staff@hospital.example", now: at(MINUTE) }, db.prisma)).toEqual({ ok: true });
    expect(await validateSession(db.prisma, "mypatients", first.secret, at(2 * MINUTE))).toBeNull();
    expect(await validateSession(db.prisma, "mypatients", second.secret, at(2 * MINUTE))).toBeNull();
    expect(await db.prisma.session.count({ where: { providerId: provider.id, revokedAt: null } })).toBe(0);
    expect(await validateSession(db.prisma, "mypatients", bystander.secret, at(2 * MINUTE))).not.toBeNull();
  });

  it("refuses, and revokes, a session whose account was disabled by any means", async () => {
    const { provider, id, secret } = await providerSession();
    await db.prisma.provider.update({ where: { id: provider.id }, data: { status: "DISABLED" } });
    expect(await validateSession(db.prisma, "mypatients", secret, at(MINUTE))).toBeNull();
    expect((await db.prisma.session.findUniqueOrThrow({ where: { id } })).revokedAt).toEqual(at(MINUTE));
    // Re-enabling the account does not bring the session back.
    await db.prisma.provider.update({ where: { id: provider.id }, data: { status: "ACTIVE" } });
    expect(await validateSession(db.prisma, "mypatients", secret, at(2 * MINUTE))).toBeNull();
  });

  it("ends MyChildren's sessions the same way", async () => {
    const account = await createFamilyAccount(db.prisma);
    const { secret } = await createSession(db.prisma, { portal: "mychildren", accountId: account.id }, T0);
    expect(await validateSession(db.prisma, "mychildren", secret, at(MINUTE))).toMatchObject({ portal: "mychildren", accountId: account.id });
    expect(await disableFamilyAccount(account.id, { staff: "staff@hospital.example", now: at(2 * MINUTE) }, db.prisma)).toEqual({ ok: true });
    expect(await validateSession(db.prisma, "mychildren", secret, at(3 * MINUTE))).toBeNull();
  });

  it("never opens one portal with the other portal's session, or with an unknown secret", async () => {
    const { secret } = await providerSession();
    expect(await validateSession(db.prisma, "mychildren", secret, at(MINUTE))).toBeNull();
    const account = await createFamilyAccount(db.prisma);
    const family = await createSession(db.prisma, { portal: "mychildren", accountId: account.id }, T0);
    expect(await validateSession(db.prisma, "mypatients", family.secret, at(MINUTE))).toBeNull();
    expect(await validateSession(db.prisma, "mypatients", "x".repeat(43), at(MINUTE))).toBeNull();
  });
});
