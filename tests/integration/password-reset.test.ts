import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { changePassword, inspectPasswordReset, requestPasswordReset, resetPassword, WRONG_CURRENT_PASSWORD } from "@/lib/auth/password-reset";
import type { PasswordPortalId } from "@/lib/auth/portals";
import { createSession, validateSession } from "@/lib/auth/session-store";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createFamilyAccount, createProvider } from "../support/factories.ts";
import { hasPostgresServer } from "../support/test-database.ts";
import { useDatabase } from "../support/use-database.ts";

const realServer = await hasPostgresServer();
const OLD = "the old passphrase 2026";
const NEW = "a brand new passphrase";
const REQUEST = { ip: "203.0.113.40", userAgent: "vitest" };
const T0 = new Date("2026-07-01T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

// SPEC §5, §6, §7: password reset and change in both portals.
describe("password reset and change", () => {
  const db = useDatabase({ poolSize: 8 });

  async function account(portal: PasswordPortalId) {
    const passwordHash = await hashPassword(OLD);
    if (portal === "mypatients") {
      const provider = await createProvider(db.prisma);
      await db.prisma.provider.update({ where: { id: provider.id }, data: { passwordHash } });
      return { id: provider.id, email: provider.email, owner: { portal, providerId: provider.id } as const };
    }
    const family = await createFamilyAccount(db.prisma);
    await db.prisma.familyAccount.update({ where: { id: family.id }, data: { passwordHash } });
    return { id: family.id, email: family.email, owner: { portal, accountId: family.id } as const };
  }
  const sessionOf = (owner: Awaited<ReturnType<typeof account>>["owner"], now = T0) => db.prisma.$transaction((tx) => createSession(tx, owner, now));
  const resetEmails = (to: string) => db.prisma.outboxEmail.findMany({ where: { to, subject: { startsWith: "Reset your" } }, orderBy: { createdAt: "asc" } });
  const secretOf = async (to: string) => ((await resetEmails(to)).at(-1)!.props as { secret: string }).secret;
  const signIn = (portal: PasswordPortalId, email: string, password: string, now = T0) => signInWithPassword(db.prisma, { portal, email, password }, REQUEST, now);

  it.each(["mypatients", "mychildren"] as const)("%s: the link is emailed, stored hashed, spent by the form (not by opening it), ends every session and works once", async (portal) => {
    const me = await account(portal);
    const [first, second] = [await sessionOf(me.owner), await sessionOf(me.owner)];
    await requestPasswordReset(db.prisma, { portal, email: me.email }, REQUEST, T0);
    const [email] = await resetEmails(me.email);
    expect(email!.subject).toBe(portal === "mypatients" ? "Reset your MyPatients password" : "Reset your MyChildren's password");
    const secret = await secretOf(me.email);
    const stored = await db.prisma.passwordReset.findFirstOrThrow({ where: portal === "mypatients" ? { providerId: me.id } : { accountId: me.id } });
    expect(stored.tokenHash).not.toContain(secret);
    expect(stored.expiresAt.getTime() - T0.getTime()).toBe(60 * MINUTE);

    // Opening the link (or a scanner doing so) changes nothing; it is not valid in the other portal.
    expect(await inspectPasswordReset(db.prisma, portal, secret, at(MINUTE))).toBe("valid");
    expect(await inspectPasswordReset(db.prisma, portal, secret, at(MINUTE))).toBe("valid");
    expect(await inspectPasswordReset(db.prisma, portal === "mypatients" ? "mychildren" : "mypatients", secret, at(MINUTE))).toBe("unknown");

    expect(await resetPassword(db.prisma, { portal, token: secret, password: NEW }, REQUEST, at(2 * MINUTE))).toEqual({ ok: true });
    for (const session of [first, second]) expect(await validateSession(db.prisma, portal, session.secret, at(3 * MINUTE))).toBeNull();
    expect((await signIn(portal, me.email, OLD, at(3 * MINUTE))).ok).toBe(false);
    expect((await signIn(portal, me.email, NEW, at(3 * MINUTE))).ok).toBe(true);
    expect(await resetPassword(db.prisma, { portal, token: secret, password: "yet another passphrase" }, REQUEST, at(4 * MINUTE))).toEqual({ ok: false, problem: "used" });
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.password_reset", actorId: me.id, outcome: "SUCCESS" } })).toBe(1);
    expect(await db.prisma.outboxEmail.count({ where: { to: me.email, subject: { endsWith: "password was changed" } } })).toBe(1);
  });

  it("answers an unknown, disabled or unverified email exactly as a known one, sending nothing and auditing it", async () => {
    const disabled = await createProvider(db.prisma, { status: "DISABLED" });
    const emails = await db.prisma.outboxEmail.count();
    for (const email of ["nobody@nowhere.example", disabled.email]) {
      await expect(requestPasswordReset(db.prisma, { portal: "mypatients", email }, REQUEST, T0)).resolves.toBeUndefined();
    }
    expect(await db.prisma.outboxEmail.count()).toBe(emails);
    expect(await db.prisma.auditEvent.count({ where: { action: "auth.password_reset_request", outcome: "FAILURE" } })).toBeGreaterThanOrEqual(2);
  });

  it("expires a link after 1 hour, and refuses an unknown one", async () => {
    const me = await account("mypatients");
    await requestPasswordReset(db.prisma, { portal: "mypatients", email: me.email }, REQUEST, T0);
    const secret = await secretOf(me.email);
    expect(await resetPassword(db.prisma, { portal: "mypatients", token: secret, password: NEW }, REQUEST, at(60 * MINUTE))).toEqual({ ok: false, problem: "expired" });
    expect(await resetPassword(db.prisma, { portal: "mypatients", token: "x".repeat(43), password: NEW }, REQUEST, T0)).toEqual({ ok: false, problem: "unknown" });
    expect((await signIn("mypatients", me.email, OLD)).ok).toBe(true);
  });

  it("sends at most 3 reset emails per account per hour, auditing each refusal, and the answer stays the same", async () => {
    const me = await account("mychildren");
    for (let i = 0; i < 5; i++) await requestPasswordReset(db.prisma, { portal: "mychildren", email: me.email }, REQUEST, at(i * MINUTE));
    expect(await resetEmails(me.email)).toHaveLength(3);
    expect(await db.prisma.auditEvent.count({ where: { action: "rate_limit.refuse", actorId: me.id, details: { path: ["limit"], equals: "RESET_EMAIL" } } })).toBe(2);
    await requestPasswordReset(db.prisma, { portal: "mychildren", email: me.email }, REQUEST, at(61 * MINUTE));
    expect(await resetEmails(me.email)).toHaveLength(4);
  });

  it("a reset makes every other link of the account useless", async () => {
    const me = await account("mypatients");
    await requestPasswordReset(db.prisma, { portal: "mypatients", email: me.email }, REQUEST, T0);
    const older = await secretOf(me.email);
    await requestPasswordReset(db.prisma, { portal: "mypatients", email: me.email }, REQUEST, at(MINUTE));
    const newer = await secretOf(me.email);
    expect((await resetPassword(db.prisma, { portal: "mypatients", token: newer, password: NEW }, REQUEST, at(2 * MINUTE))).ok).toBe(true);
    expect(await resetPassword(db.prisma, { portal: "mypatients", token: older, password: "someone else's choice" }, REQUEST, at(3 * MINUTE))).toEqual({ ok: false, problem: "used" });
  });

  it.runIf(realServer)("of two resets with one link at once, exactly one sets its password", async () => {
    const me = await account("mypatients");
    await requestPasswordReset(db.prisma, { portal: "mypatients", email: me.email }, REQUEST, T0);
    const secret = await secretOf(me.email);
    const passwords = ["first racing passphrase", "second racing passphrase"];
    const outcomes = await Promise.all(passwords.map((password) => resetPassword(db.prisma, { portal: "mypatients", token: secret, password }, REQUEST, at(MINUTE))));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const winner = passwords[outcomes.findIndex((outcome) => outcome.ok)]!;
    const loser = passwords.find((password) => password !== winner)!;
    expect((await signIn("mypatients", me.email, winner, at(2 * MINUTE))).ok).toBe(true);
    expect((await signIn("mypatients", me.email, loser, at(2 * MINUTE))).ok).toBe(false);
    expect(await db.prisma.outboxEmail.count({ where: { to: me.email, subject: "Your MyPatients password was changed" } })).toBe(1);
  });

  it.runIf(realServer)("of ten reset requests for one account at once, exactly three send an email", async () => {
    const me = await account("mypatients");
    await Promise.all(Array.from({ length: 10 }, () => requestPasswordReset(db.prisma, { portal: "mypatients", email: me.email }, REQUEST, T0)));
    expect(await resetEmails(me.email)).toHaveLength(3);
  });

  it.each(["mypatients", "mychildren"] as const)("%s: changing the password needs the current one and ends every other session, not this one", async (portal) => {
    const me = await account(portal);
    const [mine, other] = [await sessionOf(me.owner), await sessionOf(me.owner)];
    const change = (currentPassword: string) => changePassword(db.prisma, { portal, ownerId: me.id, sessionId: mine.id, currentPassword, newPassword: NEW }, REQUEST, at(MINUTE));
    expect(await change("not my password at all")).toEqual({ ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD });
    expect(await validateSession(db.prisma, portal, other.secret, at(MINUTE))).not.toBeNull();
    expect(await change(OLD)).toEqual({ ok: true });
    expect(await validateSession(db.prisma, portal, mine.secret, at(2 * MINUTE))).not.toBeNull();
    expect(await validateSession(db.prisma, portal, other.secret, at(2 * MINUTE))).toBeNull();
    expect((await signIn(portal, me.email, NEW, at(2 * MINUTE))).ok).toBe(true);
    expect(await db.prisma.auditEvent.findMany({ where: { action: "auth.password_change", actorId: me.id }, orderBy: { id: "asc" }, select: { outcome: true } })).toEqual([{ outcome: "FAILURE" }, { outcome: "SUCCESS" }]);
    expect(await db.prisma.outboxEmail.count({ where: { to: me.email, subject: { endsWith: "password was changed" } } })).toBe(1);
  });

  it("counts wrong current passwords toward the sign-in lockout", async () => {
    const me = await account("mypatients");
    const session = await sessionOf(me.owner);
    for (let i = 0; i < 10; i++) {
      await changePassword(db.prisma, { portal: "mypatients", ownerId: me.id, sessionId: session.id, currentPassword: `wrong guess ${i}`, newPassword: NEW }, REQUEST, at(i * 1_000));
    }
    // Locked now: even the right current password is refused, and so is signing in.
    expect((await changePassword(db.prisma, { portal: "mypatients", ownerId: me.id, sessionId: session.id, currentPassword: OLD, newPassword: NEW }, REQUEST, at(MINUTE))).ok).toBe(false);
    expect((await signIn("mypatients", me.email, OLD, at(MINUTE))).ok).toBe(false);
  });
});
