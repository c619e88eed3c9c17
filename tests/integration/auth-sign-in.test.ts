import { beforeAll, describe, expect, it } from "vitest";
import { FAILURE_WINDOW_MS, LOCK_DURATION_MS, MAX_FAILED_SIGN_INS, signInSubject } from "@/lib/auth/lockout";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret } from "@/lib/auth/secrets";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { ProviderStatus } from "@/lib/generated/prisma/client";
import { createFamilyAccount, createProvider } from "../support/factories.ts";
import { hasPostgresServer } from "../support/test-database.ts";
import { useDatabase } from "../support/use-database.ts";

const PASSWORD = "correct horse battery staple";
const REQUEST = { ip: "203.0.113.7", userAgent: "vitest" };
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;

const realServer = await hasPostgresServer();

describe("signing in (SPEC §5, §7)", () => {
  const db = useDatabase({ poolSize: 8 });
  let passwordHash: string;

  beforeAll(async () => {
    passwordHash = await hashPassword(PASSWORD);
  });

  async function provider(status: ProviderStatus = "ACTIVE") {
    const created = await createProvider(db.prisma, { status });
    await db.prisma.provider.update({ where: { id: created.id }, data: { passwordHash } });
    return created;
  }

  async function family() {
    const created = await createFamilyAccount(db.prisma);
    await db.prisma.familyAccount.update({ where: { id: created.id }, data: { passwordHash } });
    return created;
  }

  const signIn = (email: string, password: string, now: Date, portal: "mypatients" | "mychildren" = "mypatients") =>
    signInWithPassword(db.prisma, { portal, email, password }, REQUEST, now);

  const auditOf = (email: string) =>
    db.prisma.auditEvent.findMany({ where: { details: { path: ["email"], equals: email } }, orderBy: { id: "asc" } });

  it("opens a session for the right password, storing only the secret's hash, and audits it", async () => {
    const { id, email } = await provider();
    const result = await signIn(email, PASSWORD, T0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.userId).toBe(id);
    expect(result.sessionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const sessions = await db.prisma.session.findMany({ where: { providerId: id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ portal: "MYPATIENTS", tokenHash: hashSecret(result.sessionSecret), revokedAt: null, lastSeenAt: T0 });
    expect(sessions[0]!.expiresAt).toEqual(at(12 * 3600 * SECOND));
    expect(JSON.stringify(await db.prisma.session.findMany())).not.toContain(result.sessionSecret);

    const events = await db.prisma.auditEvent.findMany({ where: { actorId: id, action: "auth.sign_in" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "PROVIDER", outcome: "SUCCESS", ip: REQUEST.ip, userAgent: REQUEST.userAgent });
  });

  it("signs MyChildren's accounts in to MyChildren's only", async () => {
    const account = await family();
    expect((await signIn(account.email, PASSWORD, T0, "mychildren")).ok).toBe(true);
    expect((await signIn(account.email, PASSWORD, T0, "mypatients")).ok).toBe(false);
    const someone = await provider();
    expect((await signIn(someone.email, PASSWORD, T0, "mychildren")).ok).toBe(false);
    expect(await db.prisma.session.findMany({ where: { accountId: account.id } })).toEqual([expect.objectContaining({ portal: "MYCHILDRENS" })]);
  });

  it("refuses unknown emails, wrong passwords, unverified and disabled providers alike, opening nothing", async () => {
    const active = await provider();
    const unverified = await provider("UNVERIFIED");
    const disabled = await provider("DISABLED");
    const attempts = [
      { email: "nobody@nowhere.example", password: PASSWORD, reason: "unknown-email" },
      { email: active.email, password: "wrong password entirely", reason: "wrong-password" },
      { email: unverified.email, password: PASSWORD, reason: "unverified" },
      { email: disabled.email, password: PASSWORD, reason: "disabled" },
    ];
    for (const attempt of attempts) {
      expect(await signIn(attempt.email, attempt.password, T0)).toEqual({ ok: false });
      const [event] = await auditOf(attempt.email);
      expect(event).toMatchObject({ action: "auth.sign_in", outcome: "FAILURE", actorType: "ANONYMOUS" });
      expect(event!.details).toMatchObject({ portal: "mypatients", reason: attempt.reason });
    }
    const ids = [active.id, unverified.id, disabled.id];
    expect(await db.prisma.session.count({ where: { providerId: { in: ids } } })).toBe(0);
  });

  it("locks an account for 15 minutes after 10 failures within 15 minutes, with the same answer, then unlocks", async () => {
    const { id, email } = await provider();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      expect(await signIn(email, `wrong password ${i}`, at(i * SECOND))).toEqual({ ok: false });
    }
    const tenth = at((MAX_FAILED_SIGN_INS - 1) * SECOND);
    const lockEnd = new Date(tenth.getTime() + LOCK_DURATION_MS);

    // Locked: even the right password is refused, with the same answer, and opens nothing.
    expect(await signIn(email, PASSWORD, at(10 * SECOND))).toEqual({ ok: false });
    expect(await signIn(email, PASSWORD, new Date(lockEnd.getTime() - SECOND))).toEqual({ ok: false });
    expect(await db.prisma.session.count({ where: { providerId: id } })).toBe(0);
    // Attempts while locked are not counted, so they do not extend the lock.
    expect(await db.prisma.failedAttempt.count({ where: { subject: signInSubject("mypatients", email) } })).toBe(MAX_FAILED_SIGN_INS);

    const events = await auditOf(email);
    expect(events.filter((e) => e.action === "auth.lockout")).toHaveLength(1);
    expect(events.find((e) => e.action === "auth.lockout")!.details).toMatchObject({ lockedUntil: lockEnd.toISOString(), accountId: id });
    expect(events.filter((e) => e.action === "auth.sign_in" && e.outcome === "DENIED")).toHaveLength(2);
    expect(events.filter((e) => e.action === "auth.sign_in" && e.outcome === "FAILURE")).toHaveLength(MAX_FAILED_SIGN_INS);

    // 15 minutes after the tenth failure the right password works again, and the failures are forgotten.
    expect((await signIn(email, PASSWORD, lockEnd)).ok).toBe(true);
    expect(await db.prisma.failedAttempt.count({ where: { subject: signInSubject("mypatients", email) } })).toBe(0);
  });

  it("does not lock when the 10 failures are spread over more than 15 minutes", async () => {
    const { email } = await provider();
    await signIn(email, "wrong password", T0);
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) await signIn(email, "wrong password", at(FAILURE_WINDOW_MS + i * SECOND));
    expect((await signIn(email, PASSWORD, at(FAILURE_WINDOW_MS + 20 * SECOND))).ok).toBe(true);
  });

  it("locks unknown emails the same way, so a lock says nothing about whether the email exists", async () => {
    const email = "ghost@nowhere.example";
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await signIn(email, PASSWORD, at(i * SECOND));
    expect((await auditOf(email)).filter((e) => e.action === "auth.lockout")).toHaveLength(1);
    expect(await signIn(email, PASSWORD, at(11 * SECOND))).toEqual({ ok: false });
    expect((await auditOf(email)).at(-1)).toMatchObject({ action: "auth.sign_in", outcome: "DENIED" });
  });

  it("keeps each portal's lock to itself", async () => {
    const email = `both-${Date.now()}@family.example`;
    const account = await family();
    await db.prisma.familyAccount.update({ where: { id: account.id }, data: { email } });
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await signIn(email, "wrong password", at(i * SECOND), "mypatients");
    expect((await signIn(email, PASSWORD, at(11 * SECOND), "mychildren")).ok).toBe(true);
  });

  // Parallel guesses need parallel connections: a real PostgreSQL server.
  it.runIf(realServer)("holds the limit against a burst of parallel guesses", async () => {
    const { id, email } = await provider();
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => signIn(email, `guess ${i}`, at(i))));
    expect(results.every((result) => !result.ok)).toBe(true);
    expect(await db.prisma.failedAttempt.count({ where: { subject: signInSubject("mypatients", email) } })).toBe(MAX_FAILED_SIGN_INS);
    expect(await signIn(email, PASSWORD, at(20 * SECOND))).toEqual({ ok: false });
    expect(await db.prisma.session.count({ where: { providerId: id } })).toBe(0);
  });
});
