// Scaling out (README "Scaling out"): two production instances on one database. Everything a
// user relies on — sessions, sign-in lockouts, the token-validation lock, the email outbox — is
// in PostgreSQL, so what happens on one instance holds on the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { SIGN_IN_REFUSED } from "@/lib/auth/sign-in";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generateToken, hashToken, normalizeToken } from "@/lib/tokens/format";
import { MESSAGES as TOKEN_MESSAGES } from "@/lib/tokens/validate";
import { DEMO_PASSWORD, seedDemo } from "@/scripts/lib/seed/demo";
import {
  actionIds,
  buildOnce,
  callAction,
  getPage,
  sessionCookieFrom,
  sessionCookieHeader,
  startInstance,
  type ActionAnswer,
  type ActionName,
  type AppInstance,
} from "../support/cluster-app.ts";
import { createPractice, createProvider } from "../support/factories.ts";
import { startResendCapture, type ResendCapture } from "../support/resend-capture.ts";
import { createTestDatabase, hasPostgresServer, type TestDatabase } from "../support/test-database.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(await hasPostgresServer())("scale-out: two instances on one database", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  /** Each instance sends through its own Resend stand-in, so each delivery shows which sender made it. */
  let captureA: ResendCapture;
  let captureB: ResendCapture;
  let a: AppInstance;
  let b: AppInstance;
  let ids: Record<ActionName, string>;
  const summary: string[] = [];

  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase({ migrate: true });
    prisma = createPrismaClient(database.url, 4);
    await seedDemo(prisma);
    [captureA, captureB] = await Promise.all([startResendCapture(), startResendCapture()]);
    [a, b] = await Promise.all([
      startInstance("A", { databaseUrl: database.url, resend: captureA }),
      startInstance("B", { databaseUrl: database.url, resend: captureB }),
    ]);
    ids = await actionIds();
  }, 300_000);

  afterAll(async () => {
    if (summary.length > 0) console.log(`scale-out: ${summary.join("; ")}`);
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([captureA?.close(), captureB?.close()]);
    await prisma?.$disconnect();
    await database?.drop();
  });

  const signIn = (instance: AppInstance, email: string, password: string) => callAction(instance, "/mypatients/login", ids.providerSignIn, { email, password, next: "" }, null);
  const signedInCookie = (answer: ActionAnswer) => sessionCookieFrom(answer.setCookies, "mypatients");
  const search = (instance: AppInstance, cookie: string, mrn = "1000001") =>
    callAction(instance, "/mypatients", ids.search, { lastName: "", firstName: "", dateOfBirth: "", mrn }, cookie);
  const validate = (instance: AppInstance, cookie: string, token: string, mrn: string) => callAction(instance, "/mypatients/validate-token", ids.validateToken, { token, mrn }, cookie);

  async function providerWithPassword(password: string) {
    const provider = await createProvider(prisma, { practiceId: (await createPractice(prisma)).id });
    await prisma.provider.update({ where: { id: provider.id }, data: { passwordHash: await hashPassword(password) } });
    return provider;
  }

  it("a session started on A is accepted on B, and signing out on B ends it on A", async () => {
    const signedIn = await signIn(a, "pcp@longwood.example", DEMO_PASSWORD);
    expect(signedIn.redirect).toBe("/mypatients");
    const cookie = signedInCookie(signedIn);
    expect(cookie).toMatch(/^mypatients\.session=.+/);

    for (const instance of [b, a]) {
      const home = await getPage(instance, "/mypatients", cookie!);
      expect(home.status, instance.name).toBe(200);
      expect(home.body).toMatch(/Signed in as (<!-- -->)?Dr\. Paula Chen/);
      const results = (await search(instance, cookie!)).state?.results;
      expect(results, instance.name).toEqual([expect.objectContaining({ mrn: "1000001", state: "AUTHORIZED" })]);
      const record = await getPage(instance, "/mypatients/patients/1000001", cookie!);
      expect(record.status, instance.name).toBe(200);
      expect(record.body).toContain("Immunizations");
    }

    // A MyChildren's session (a Session row and its cookie) opens the family portal on both as well.
    const family = await sessionCookieHeader(prisma, "mychildren", "parent@family.example");
    for (const instance of [a, b]) {
      const home = await getPage(instance, "/mychildren", family);
      expect(home.status, instance.name).toBe(200);
      expect(home.body).toContain("Mateo");
    }

    const signedOut = await callAction(b, "/mypatients", ids.providerSignOut, {}, cookie, { args: [] });
    expect(signedOut.redirect).toBe("/mypatients/login");
    expect(sessionCookieFrom(signedOut.setCookies, "mypatients")).toBe("");

    // The same cookie, kept by the browser or a thief, opens nothing on A any more.
    const home = await getPage(a, "/mypatients", cookie!);
    expect(home.status).toBe(307);
    expect(home.location).toMatch(/\/mypatients\/login/);
    const searchAfter = await search(a, cookie!);
    expect(searchAfter.state).toBeNull();
    expect(searchAfter.redirect).toMatch(/^\/mypatients\/login/);
    expect(searchAfter.body).not.toContain("Rivera");
    const record = await getPage(a, "/mypatients/patients/1000001", cookie!);
    expect(record.status).toBe(307);
    expect(record.body).not.toContain("Immunizations");
    const pcp = await prisma.provider.findUniqueOrThrow({ where: { email: "pcp@longwood.example" }, select: { id: true } });
    const sessions = await prisma.session.findMany({ where: { providerId: pcp.id }, select: { revokedAt: true } });
    expect(sessions.map((session) => session.revokedAt !== null)).toEqual([true]);
    summary.push("a session signed in on A opened pages, search and the record on B; signing out on B ended it on A (page and server action sent to sign-in)");
  });

  it("a sign-in lockout built up on A holds on B (SPEC §7: 10 failures lock the account)", async () => {
    const password = "correct horse battery staple";
    const provider = await providerWithPassword(password);
    // The account works, on B.
    const first = await signIn(b, provider.email, password);
    expect(signedInCookie(first)).toMatch(/^mypatients\.session=.+/);

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const refused = await signIn(a, provider.email, `wrong password number ${attempt}`);
      expect(refused.state?.message, `failure ${attempt}`).toBe(SIGN_IN_REFUSED);
      expect(signedInCookie(refused)).toBeNull();
    }
    for (const instance of [b, a]) {
      const locked = await signIn(instance, provider.email, password);
      expect(locked.state?.message, instance.name).toBe(SIGN_IN_REFUSED);
      expect(signedInCookie(locked), instance.name).toBeNull();
    }
    expect(await prisma.session.count({ where: { providerId: provider.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "auth.lockout", details: { path: ["email"], equals: provider.email } } })).toBe(1);
    const deniedWhileLocked = await prisma.auditEvent.count({
      where: { action: "auth.sign_in", outcome: "DENIED", AND: [{ details: { path: ["email"], equals: provider.email } }, { details: { path: ["reason"], equals: "locked" } }] },
    });
    expect(deniedWhileLocked).toBe(2);

    // Failures counted on both instances add up to one lockout as well.
    const other = await providerWithPassword(password);
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect((await signIn(attempt % 2 ? a : b, other.email, `wrong password number ${attempt}`)).state?.message).toBe(SIGN_IN_REFUSED);
    }
    for (const instance of [a, b]) expect(signedInCookie(await signIn(instance, other.email, password)), instance.name).toBeNull();
    expect(await prisma.session.count({ where: { providerId: other.id } })).toBe(0);
    summary.push("10 failed sign-ins on A locked the account on B and A (right password refused, no session, one lockout audited); 5 + 5 failures split over A and B locked another");
  }, 60_000);

  it("the token-validation lock built up on A holds on B (SPEC §4: 5 failures)", async () => {
    const provider = await createProvider(prisma, { practiceId: (await createPractice(prisma)).id });
    const cookie = await sessionCookieHeader(prisma, "mypatients", provider.email);
    const ethan = await prisma.patient.findUniqueOrThrow({ where: { mrn: "1000003" }, select: { id: true } });
    const token = generateToken();
    const invitation = await prisma.invitationToken.create({
      data: { patientId: ethan.id, tokenHash: hashToken(normalizeToken(token)!), providerEmail: provider.email, issuedByStaff: "scale-out test", expiresAt: new Date(Date.now() + 90 * 24 * 3_600_000) },
    });

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const failed = await validate(a, cookie, generateToken(), "1000003");
      expect(failed.state?.message, `failure ${attempt}`).toBe(TOKEN_MESSAGES.INVALID);
    }
    for (const instance of [b, a]) {
      const locked = await validate(instance, cookie, token, "1000003");
      expect(locked.state, instance.name).toMatchObject({ ok: false, message: TOKEN_MESSAGES.LOCKED });
    }
    expect((await prisma.invitationToken.findUniqueOrThrow({ where: { id: invitation.id } })).usedAt).toBeNull();
    expect(await prisma.accessGrant.count({ where: { providerId: provider.id } })).toBe(0);
    expect((await search(b, cookie, "1000003")).state?.results).toEqual([expect.objectContaining({ state: "NO_ACCOUNT" })]);
    summary.push("5 failed token validations on A locked validation on B and A: the right token was refused and stayed unused, no grant");
  }, 30_000);

  it("emails produced through both instances are each delivered once, by whichever sender claimed them", async () => {
    const parent = await sessionCookieHeader(prisma, "mychildren", "parent@family.example");
    const practice = await createPractice(prisma);
    const requesters = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const provider = await createProvider(prisma, { practiceId: practice.id });
        return { id: provider.id, cookie: await sessionCookieHeader(prisma, "mypatients", provider.email) };
      }),
    );
    // Each sender's first delivery is slow, so the other sender has due emails to claim meanwhile.
    captureA.hangNext(1, 1_500);
    captureB.hangNext(1, 1_500);

    const invitees = Array.from({ length: 60 }, (_, i) => `scale-out-${i}@clinic.example`);
    const replies: ActionAnswer[] = [];
    for (let start = 0; start < invitees.length; start += 10) {
      replies.push(
        ...(await Promise.all(
          invitees.slice(start, start + 10).map((email, i) => {
            const mrn = i % 2 ? "1000001" : "1000002";
            return callAction(i % 2 ? b : a, `/mychildren/patients/${mrn}/sharing`, ids.invite, { mrn, providerEmail: email }, parent);
          }),
        )),
      );
    }
    expect(replies.filter((reply) => reply.state?.ok !== true)).toEqual([]);
    const requests = await Promise.all(
      requesters.flatMap((provider, i) => ["1000001", "1000004"].map((mrn) => callAction(i % 2 ? a : b, "/mypatients", ids.requestAccess, { mrn, reason: "" }, provider.cookie))),
    );
    expect(requests.filter((reply) => reply.state?.ok !== true)).toEqual([]);

    const deadline = Date.now() + 30_000;
    while ((await prisma.outboxEmail.count({ where: { status: { not: "SENT" } } })) > 0 && Date.now() < deadline) await sleep(200);
    const outbox = await prisma.outboxEmail.findMany({ select: { id: true, to: true, status: true } });
    expect(outbox.filter((email) => email.status !== "SENT")).toEqual([]);
    // 60 invitations, 16 requests: 8 for Sofia (to Maria) and 8 for Ava (to Ava).
    expect(outbox).toHaveLength(60 + 16);

    const keyOf = (id: string) => `outbox-${id}`;
    const asked = [...captureA.requests, ...captureB.requests];
    const delivered = [...captureA.delivered, ...captureB.delivered];
    const times = (list: { idempotencyKey: string | null }[], id: string) => list.filter((entry) => entry.idempotencyKey === keyOf(id)).length;
    // Exactly one request to Resend per email, across both senders: no email was ever claimed twice.
    expect(outbox.filter((email) => times(asked, email.id) !== 1 || times(delivered, email.id) !== 1).map((email) => email.to)).toEqual([]);
    expect(delivered).toHaveLength(outbox.length);
    for (const email of invitees) expect(delivered.filter((entry) => entry.to[0] === email), email).toHaveLength(1);
    expect(delivered.filter((entry) => entry.to[0] === "parent@family.example")).toHaveLength(8);
    expect(delivered.filter((entry) => entry.to[0] === "ava@family.example")).toHaveLength(8);
    expect(captureA.delivered.length, "sender of A delivered none").toBeGreaterThan(0);
    expect(captureB.delivered.length, "sender of B delivered none").toBeGreaterThan(0);
    summary.push(
      `${outbox.length} emails produced through A and B (60 invitations, 16 access requests) were each requested from Resend and delivered exactly once: ${captureA.delivered.length} by A's sender, ${captureB.delivered.length} by B's`,
    );
  }, 60_000);
});
