// Faults, end to end: production instances (`server.ts`, as `npm start` runs it) whose database connection runs through
// a proxy this file can cut — PostgreSQL restarting, as the app sees it — and a Resend stand-in
// that can be told to fail. Under steady load the app must say plainly that it is unavailable,
// come back by itself, and lose nothing it acknowledged: writes, audit events and emails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { sendDueEmails, startSender, type SenderOptions } from "@/lib/email/sender";
import { resendTransport } from "@/lib/email/transports";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { actionIds, buildOnce, callAction, getPage, sessionCookieHeader, startInstance, type ActionName, type AppInstance } from "../support/cluster-app.ts";
import { startLoad, type Answer, type Sample, type Worker } from "../support/fault-load.ts";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy.ts";
import { createProvider, createPractice } from "../support/factories.ts";
import { startResendCapture, type ResendCapture } from "../support/resend-capture.ts";
import { createTestDatabase, hasPostgresServer, type TestDatabase } from "../support/test-database.ts";

const FROM = "Children's Hospital <no-reply@hospital.example>";
const SIGN_IN_UNAVAILABLE = "Sign-in is unavailable right now. Try again in a few minutes.";
/** What must never reach a client: stack frames, server paths, driver and ORM internals. */
const INTERNALS = /\n\s+at \S+ \(|\.next\/server|node_modules|DriverAdapterError|PrismaClient|Can't reach database|P1001|ECONNREFUSED/;
/** Demo patients' names and record sections: none may be on an error answer. */
const PATIENT_DATA = /Rivera|Thompson|Brooks|Immunizations|Allergies|Medications/;
/** Patients who have an approver in the demo data (Sofia, Mateo, Ava). */
const REQUESTABLE_MRNS = ["1000001", "1000002", "1000004"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a person sees of an HTML page without running its scripts. */
function visibleText(html: string): string {
  return html
    .replace(/<head[\s\S]*?<\/head>/gi, " ")
    .replace(/<(script|style|template)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

const count = <T,>(items: T[], key: (item: T) => string) => items.reduce<Record<string, number>>((counts, item) => ((counts[key(item)] = (counts[key(item)] ?? 0) + 1), counts), {});

describe.runIf(await hasPostgresServer())("faults: PostgreSQL restarting and Resend down, under load", () => {
  let database: TestDatabase;
  /** Straight to PostgreSQL, never through the proxy: the test's view of what was stored. */
  let prisma: PrismaClient;
  let proxy: FaultProxy;
  let capture: ResendCapture;
  /** Instance A runs the email sender; B does not (as with `npm run worker`). */
  let a: AppInstance;
  let b: AppInstance;
  let ids: Record<ActionName, string>;
  let pcpCookie: string;
  /** Providers of Dr. Chen's practice who take turns searching, so no one of them meets the search's rate limit (60 in 10 minutes) however fast the instances answer. */
  let searcherCookies: string[];
  let parentCookie: string;
  const senderErrors: string[] = [];
  const senderLog = { error: (message: string) => senderErrors.push(message), warn: () => {} };

  beforeAll(async () => {
    await buildOnce();
    database = await createTestDatabase({ migrate: true });
    prisma = createPrismaClient(database.url, 4);
    await seedDemo(prisma);
    proxy = await startFaultProxy(database.url);
    capture = await startResendCapture();
    const through = proxy.via(database.url);
    [a, b] = await Promise.all([
      startInstance("A", { databaseUrl: through, resend: capture }),
      startInstance("B", { databaseUrl: through, resend: capture, senderInApp: false }),
    ]);
    ids = await actionIds();
    pcpCookie = await sessionCookieHeader(prisma, "mypatients", "pcp@longwood.example");
    const { practiceId } = await prisma.provider.findUniqueOrThrow({ where: { email: "pcp@longwood.example" }, select: { practiceId: true } });
    searcherCookies = (await signedInProviders(practiceId, 8)).map((provider) => provider.cookie);
    parentCookie = await sessionCookieHeader(prisma, "mychildren", "parent@family.example");
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await proxy?.close();
    await capture?.close();
    await prisma?.$disconnect();
    await database?.drop();
  });

  /** `count` new providers of a practice, each signed in to MyPatients. */
  const signedInProviders = (practiceId: string, count: number) =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const provider = await createProvider(prisma, { practiceId });
        return { id: provider.id, cookie: await sessionCookieHeader(prisma, "mypatients", provider.email) };
      }),
    );

  /** An invitation sent by Maria through `instance`; `email` is the invited provider. */
  const invite = (instance: AppInstance, email: string, mrn: string, userAgent?: string) =>
    callAction(instance, `/mychildren/patients/${mrn}/sharing`, ids.invite, { mrn, providerEmail: email }, parentCookie, { userAgent });

  const invited = (answer: { state: Record<string, unknown> | null }) => answer.state?.ok === true && String(answer.state.message).startsWith("Invitation sent to");

  async function outboxIdle(): Promise<boolean> {
    return (await prisma.outboxEmail.count({ where: { status: { in: ["PENDING", "SENDING"] } } })) === 0;
  }

  it("answers 503 and an error page while PostgreSQL is down, recovers in the same processes, and loses no acknowledged write or email", async () => {
    const practice = await createPractice(prisma);
    const requesters = await signedInProviders(practice.id, 24);
    const requestQueue = requesters.flatMap((provider) => REQUESTABLE_MRNS.map((mrn) => ({ provider, mrn })));
    const acknowledgedRequests: { providerId: string; mrn: string; tag: string }[] = [];
    const alreadyPending: { providerId: string; mrn: string }[] = [];
    const acknowledgedInvites: { email: string; tag: string }[] = [];
    let invitations = 0;
    let searches = 0;

    const answer = (status: number, body: string, contentType: string | null, ok: boolean): Answer => ({ status, body, contentType, ok });
    /** A worker that reads a page, and counts it answered when it is 200 and shows every one of `texts`. */
    const pageWorker = (instance: AppInstance, kind: string, path: string, cookie: string, pauseMs: number, texts: string[]): Worker => ({
      kind,
      instance: instance.name,
      pauseMs,
      send: async (tag) => {
        const page = await getPage(instance, path, cookie, { userAgent: tag });
        return answer(page.status, page.body, page.contentType, page.status === 200 && texts.every((text) => page.body.includes(text)));
      },
    });
    const workersFor = (instance: AppInstance): Worker[] => [
      {
        kind: "health",
        instance: instance.name,
        pauseMs: 150,
        send: async (tag) => {
          const page = await getPage(instance, "/api/health", null, { userAgent: tag });
          return answer(page.status, page.body, page.contentType, page.status === 200 && page.body.includes('"status":"ok"'));
        },
      },
      {
        kind: "search",
        instance: instance.name,
        pauseMs: 200,
        send: async (tag) => {
          const searcher = searcherCookies[searches++ % searcherCookies.length]!;
          const reply = await callAction(instance, "/mypatients", ids.search, { lastName: "", firstName: "", dateOfBirth: "", mrn: "1000001" }, searcher, { userAgent: tag });
          const results = reply.state?.results as { state?: string }[] | undefined;
          return answer(reply.status, reply.body, reply.contentType, reply.state?.ok === true && results?.[0]?.state === "AUTHORIZED");
        },
      },
      pageWorker(instance, "selection page", "/mypatients", pcpCookie, 400, ["Patient Selection", "Dr. Paula Chen"]),
      pageWorker(instance, "record page", "/mypatients/patients/1000001", pcpCookie, 400, ["Sofia", "Immunizations"]),
      pageWorker(instance, "family page", "/mychildren", parentCookie, 500, ["Mateo"]),
      {
        kind: "access request",
        instance: instance.name,
        pauseMs: 300,
        send: async (tag) => {
          const next = requestQueue.shift();
          if (!next) return null;
          const reply = await callAction(instance, "/mypatients", ids.requestAccess, { mrn: next.mrn, reason: "Cardiology follow-up" }, next.provider.cookie, { userAgent: tag });
          if (reply.state?.ok === true) acknowledgedRequests.push({ providerId: next.provider.id, mrn: next.mrn, tag });
          // A request that failed without an answer may still have committed: asking again says so.
          else if (reply.state?.pending === true) alreadyPending.push({ providerId: next.provider.id, mrn: next.mrn });
          else requestQueue.push(next);
          return answer(reply.status, reply.body, reply.contentType, reply.state?.ok === true || reply.state?.pending === true);
        },
      },
      {
        kind: "invitation",
        instance: instance.name,
        pauseMs: 300,
        send: async (tag) => {
          invitations += 1;
          const email = `invitee-${invitations}@clinic.example`;
          const reply = await invite(instance, email, invitations % 2 ? "1000001" : "1000002", tag);
          const ok = invited(reply);
          if (ok) acknowledgedInvites.push({ email, tag });
          return answer(reply.status, reply.body, reply.contentType, ok);
        },
      },
    ];

    const pids = { A: a.server.child.pid, B: b.server.child.pid };
    const load = startLoad([...workersFor(a), ...workersFor(b)]);
    await sleep(3_000);

    // No email is in flight at the cut (its producers wait until the outbox is empty): an email
    // caught mid-send by a cut is the subject of its own test below.
    const producers = ["access request", "invitation"];
    await load.pause(producers);
    await until("the outbox drained before the cut", outboxIdle, 15_000);
    const cutAt = Date.now();
    await proxy.cut();
    load.resume(producers);
    await sleep(1_500);
    const signInWhileDown = await callAction(a, "/mypatients/login", ids.providerSignIn, { email: "pcp@longwood.example", password: "demo-password-2026", next: "" }, null);
    await sleep(cutAt + 5_000 - Date.now());
    await proxy.restore();
    const restoredAt = Date.now();
    const recoveredAt: Record<string, number> = {};
    await Promise.all(
      [a, b].map(async (instance) => {
        recoveredAt[instance.name] = await until(`${instance.name} healthy again`, async () => ((await getPage(instance, "/api/health", null)).status === 200 ? Date.now() : null), 30_000, 50);
      }),
    );
    await sleep(6_000);
    await load.stop();
    const samples = load.samples;

    // Before the cut, every kind of request did its work: the load is real.
    const before = samples.filter((sample) => sample.answeredAt < cutAt);
    expect(before.filter((sample) => !sample.ok).map((sample) => `${sample.instance} ${sample.kind}: ${sample.status ?? sample.error}`)).toEqual([]);
    expect(Object.keys(count(before, (sample) => sample.kind)).sort()).toEqual(["access request", "family page", "health", "invitation", "record page", "search", "selection page"]);

    // While PostgreSQL is down: an answer to every request, none of them a success.
    const during = samples.filter((sample) => sample.sentAt >= cutAt && sample.answeredAt <= restoredAt);
    const duringByKind = count(during, (sample) => sample.kind);
    expect(Object.keys(duringByKind).sort()).toEqual(["access request", "family page", "health", "invitation", "record page", "search", "selection page"]);
    expect(during.filter((sample) => sample.error !== undefined).map((sample) => `${sample.kind}: ${sample.error}`)).toEqual([]);
    // Pages say so in words a person can read, even before (or without) the page's scripts run.
    const readableErrorPage = (sample: Sample) => /text\/html/.test(sample.contentType ?? "") && /unavailable|try again|went wrong|error/i.test(visibleText(sample.body ?? ""));
    for (const sample of during) {
      const where = `${sample.instance} ${sample.kind} during the outage`;
      expect(sample.ok, where).toBe(false);
      expect(sample.body, `${where}: internals in the answer`).not.toMatch(INTERNALS);
      expect(sample.body, `${where}: patient data in the answer`).not.toMatch(PATIENT_DATA);
      if (sample.kind === "health") {
        expect(sample.status, where).toBe(503);
        expect(sample.contentType, where).toMatch(/application\/json/);
        expect(JSON.parse(sample.body!), where).toEqual({ status: "unavailable", reason: expect.stringMatching(/database/) });
      } else if (sample.kind.endsWith("page")) {
        // Never a success status for a page that could not be rendered, unless it is an error page.
        expect(sample.status! >= 500 || readableErrorPage(sample), `${where}: answered ${sample.status}`).toBe(true);
      } else {
        expect(sample.status, where).toBeGreaterThanOrEqual(500);
      }
    }
    const pageSamples = during.filter((sample) => sample.kind.endsWith("page"));
    const unclear = pageSamples.filter((sample) => !readableErrorPage(sample));
    expect
      .soft(
        Object.entries(count(unclear, (sample) => `${sample.kind}: ${sample.status} ${sample.contentType?.split(";")[0]} "${visibleText(sample.body!).slice(0, 60)}"`)),
        "pages answered while the database is down without a readable error page",
      )
      .toEqual([]);

    // Signing in while the database is down is "unavailable", never "wrong password", and opens nothing.
    expect(signInWhileDown.state?.message).toBe(SIGN_IN_UNAVAILABLE);
    expect(signInWhileDown.setCookies.filter((cookie) => cookie.startsWith("mypatients.session=") && !cookie.startsWith("mypatients.session=;"))).toEqual([]);

    // The same processes recovered by themselves, promptly, and then served everything again.
    expect({ A: a.server.child.pid, B: b.server.child.pid }).toEqual(pids);
    expect([a.running(), b.running()]).toEqual([true, true]);
    for (const name of ["A", "B"]) expect(recoveredAt[name]! - restoredAt, `${name} took too long to recover`).toBeLessThan(5_000);
    const settled = Math.max(...Object.values(recoveredAt)) + 1_000;
    const after = samples.filter((sample) => sample.sentAt >= settled);
    expect(after.filter((sample) => !sample.ok).map((sample) => `${sample.instance} ${sample.kind}: ${sample.status ?? sample.error}`)).toEqual([]);
    expect(Object.keys(count(after, (sample) => sample.kind)).length).toBeGreaterThanOrEqual(6);

    // Every acknowledged write is in the database, with its audit event (matched by the request's tag).
    const patients = new Map((await prisma.patient.findMany({ select: { id: true, mrn: true } })).map((patient) => [patient.mrn, patient.id]));
    const stored = await prisma.accessRequest.findMany({ where: { providerId: { in: requesters.map((provider) => provider.id) } }, select: { id: true, providerId: true, patientId: true, status: true } });
    const storedRequest = (providerId: string, mrn: string) => stored.find((row) => row.providerId === providerId && row.patientId === patients.get(mrn));
    expect(acknowledgedRequests.filter((request) => storedRequest(request.providerId, request.mrn)?.status !== "PENDING")).toEqual([]);
    expect(alreadyPending.filter((request) => !storedRequest(request.providerId, request.mrn))).toEqual([]);
    const tokens = await prisma.invitationToken.findMany({ select: { providerEmail: true } });
    expect(acknowledgedInvites.filter((invite) => !tokens.some((token) => token.providerEmail === invite.email))).toEqual([]);
    const acknowledgedTags = [
      ...samples.filter((sample) => sample.ok && (sample.kind === "search" || sample.kind === "record page")).map((sample) => sample.tag),
      ...acknowledgedRequests.map((request) => request.tag),
      ...acknowledgedInvites.map((invite) => invite.tag),
    ];
    const audited = new Set(
      (await prisma.auditEvent.findMany({ where: { userAgent: { in: acknowledgedTags }, outcome: "SUCCESS" }, select: { userAgent: true } })).map((event) => event.userAgent),
    );
    expect(acknowledgedTags.filter((tag) => !audited.has(tag))).toEqual([]);

    // Every queued email is sent, exactly once: the one sender (in A) came through the outage too.
    await until("every email sent", outboxIdle, 30_000, 200);
    const outbox = await prisma.outboxEmail.findMany({ select: { id: true, to: true, status: true, attempts: true } });
    expect(outbox.filter((email) => email.status !== "SENT")).toEqual([]);
    const deliveries = count(capture.delivered, (email) => email.idempotencyKey ?? "none");
    expect(outbox.filter((email) => deliveries[`outbox-${email.id}`] !== 1).map((email) => `${email.to}: ${deliveries[`outbox-${email.id}`] ?? 0}`)).toEqual([]);
    expect(capture.delivered).toHaveLength(outbox.length);
    for (const invite of acknowledgedInvites) expect(capture.delivered.filter((email) => email.to[0] === invite.email), invite.email).toHaveLength(1);
    for (const request of acknowledgedRequests) {
      const link = `/mychildren/requests/${storedRequest(request.providerId, request.mrn)!.id}`;
      expect(capture.delivered.filter((email) => email.text.includes(link)), link).toHaveLength(1);
    }

    const duringSummary = Object.entries(duringByKind).map(([kind, n]) => `${n} ${kind}`).join(", ");
    console.log(
      `faults: PostgreSQL cut for ${((restoredAt - cutAt) / 1000).toFixed(1)} s under load (${proxy.stats.dropped} open connections dropped) — ` +
        `${during.length} requests answered during the outage (${duringSummary}), health 503 with a JSON reason, no stack trace or patient data, ` +
        `${unclear.length} of ${pageSamples.length} page answers without a readable error page; ` +
        `A and B back without a restart after ${recoveredAt.A! - restoredAt} / ${recoveredAt.B! - restoredAt} ms, ${after.length} requests after recovery all succeeded; ` +
        `${samples.length} requests in all; writes verified: ${acknowledgedRequests.length} acknowledged access requests (+${alreadyPending.length} committed without an answer), ` +
        `${acknowledgedInvites.length} invitations, ${acknowledgedTags.length} audit events by request tag; ${outbox.length} emails each delivered once`,
    );
  }, 120_000);

  it("keeps emails while Resend is down and the in-app sender delivers each once when it is back (production backoff)", async () => {
    await until("the outbox idle", outboxIdle, 15_000);
    capture.failAlways(503);
    const downSince = Date.now();
    const emails = Array.from({ length: 6 }, (_, i) => `resend-down-${i}@clinic.example`);
    const replies = await Promise.all(emails.map((email, i) => invite(i % 2 ? b : a, email, "1000001")));
    expect(replies.map(invited)).toEqual(emails.map(() => true));
    const failedOnce = () => prisma.outboxEmail.findMany({ where: { to: { in: emails }, status: "PENDING", attempts: { gte: 1 }, lastError: { contains: "Resend 503" } } });
    await until("each email tried once and kept", async () => (await failedOnce()).length === emails.length, 10_000);
    await sleep(8_000);
    capture.reset();
    const downFor = ((Date.now() - downSince) / 1000).toFixed(1);
    // The first retry comes 15 to 30 s after the first failure (base delay 30 s, equal jitter).
    await until("every email sent after Resend recovered", async () => (await prisma.outboxEmail.count({ where: { to: { in: emails }, status: "SENT" } })) === emails.length, 45_000, 250);
    const rows = await prisma.outboxEmail.findMany({ where: { to: { in: emails } }, select: { id: true, attempts: true } });
    for (const row of rows) {
      expect(capture.delivered.filter((email) => email.idempotencyKey === `outbox-${row.id}`)).toHaveLength(1);
      expect(row.attempts).toBeGreaterThanOrEqual(2);
    }
    console.log(
      `faults: Resend answered 503 for ${downFor} s; the in-app sender of A kept ${emails.length} emails (${rows.reduce((sum, row) => sum + row.attempts, 0)} attempts in all) and delivered each once after it recovered`,
    );
  }, 90_000);

  function testSender(overrides: Partial<SenderOptions> = {}): SenderOptions {
    return {
      prisma,
      transport: resendTransport({ apiKey: capture.apiKey, baseUrl: capture.url, timeoutMs: 5_000 }),
      from: FROM,
      appUrl: b.baseUrl,
      log: senderLog,
      ...overrides,
    };
  }

  it("loses no email when Resend is down for minutes (sender loop driven here with the backoff scaled 1:100)", async () => {
    // Only this test's sender may deliver: A (the instance with a sender) stops, B has none.
    await a.stop();
    capture.failAlways(503);
    senderErrors.length = 0;
    // The loop an app instance runs, with the delays of production divided by 100: the first retry after
    // 300 ms instead of 30 s, so 3 s of Resend answering 503 stands for 5 minutes. Its other settings
    // (8 attempts, claims, idempotency keys) are those of production.
    const sender = startSender({ ...testSender(), baseDelayMs: 300, maxDelayMs: 36_000, idleMs: 50 });
    const emails: string[] = [];
    try {
      const downUntil = Date.now() + 3_000;
      while (Date.now() < downUntil) {
        const email = `long-outage-${emails.length}@clinic.example`;
        expect(invited(await invite(b, email, "1000002"))).toBe(true);
        emails.push(email);
        await sleep(200);
      }
      const failedAttempts = capture.requests.filter((request) => emails.includes(request.to)).length;
      capture.reset();
      await until("every email sent after the long outage", async () => (await prisma.outboxEmail.count({ where: { to: { in: emails }, status: "SENT" } })) === emails.length, 30_000, 100);
      const rows = await prisma.outboxEmail.findMany({ where: { to: { in: emails } }, select: { id: true, attempts: true, status: true } });
      for (const row of rows) expect(capture.delivered.filter((email) => email.idempotencyKey === `outbox-${row.id}`)).toHaveLength(1);
      expect(senderErrors).toEqual([]);
      const most = Math.max(...rows.map((row) => row.attempts));
      expect(most).toBeGreaterThanOrEqual(3);
      console.log(
        `faults: Resend down for the equivalent of 5 minutes: ${emails.length} emails queued meanwhile through B, ${failedAttempts} failed attempts, then each delivered once (up to ${most} attempts, none FAILED)`,
      );
    } finally {
      capture.reset();
      await sender.stop();
    }
  }, 60_000);

  describe("a database fault around a send", () => {
    let proxied: PrismaClient;
    beforeAll(() => {
      proxied = createPrismaClient(proxy.via(database.url), 1);
    });
    afterAll(async () => {
      await proxied?.$disconnect();
    });

    async function queuedInvitation(email: string): Promise<string> {
      expect(invited(await invite(b, email, "1000001"))).toBe(true);
      return (await prisma.outboxEmail.findFirstOrThrow({ where: { to: email }, select: { id: true } })).id;
    }

    it("PostgreSQL down while Resend accepts an email: it is sent again once its claim expires and delivered once", async () => {
      const id = await queuedInvitation("mid-send@clinic.example");
      capture.hangNext(1, 1_500);
      const pass = sendDueEmails(testSender({ prisma: proxied, claimMs: 3_000 }));
      await until("the email on its way to Resend", async () => capture.requests.some((request) => request.idempotencyKey === `outbox-${id}`), 5_000, 20);
      await proxy.cut();
      // The pass itself goes on: the delivery is confirmed on a later pass.
      await expect(pass).resolves.toMatchObject({ sent: 0, failed: 0 });
      expect(capture.delivered.filter((email) => email.idempotencyKey === `outbox-${id}`)).toHaveLength(1);
      await proxy.restore();
      expect((await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("SENDING");
      await until("sent after the claim expired", async () => {
        await sendDueEmails(testSender({ prisma: proxied, claimMs: 3_000 }));
        return (await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status === "SENT";
      }, 15_000, 250);
      expect(capture.requests.filter((request) => request.idempotencyKey === `outbox-${id}`)).toHaveLength(2);
      expect(capture.delivered.filter((email) => email.idempotencyKey === `outbox-${id}`)).toHaveLength(1);
      console.log("faults: an email caught mid-send by the cut was claimed again once its claim expired and, with the same idempotency key, delivered once");
    }, 30_000);

    it("one failed database connection right after Resend accepted an email does not mark that email FAILED", async () => {
      const id = await queuedInvitation("blip@clinic.example");
      capture.hangNext(1, 1_000);
      // A short claim: a delivery that could not be recorded is confirmed once the claim expires.
      const pass = sendDueEmails(testSender({ prisma: proxied, claimMs: 1_000 }));
      await until("the email on its way to Resend", async () => capture.requests.some((request) => request.idempotencyKey === `outbox-${id}`), 5_000, 20);
      // A blip: the open connection drops and the next one fails; the one after works again.
      proxy.dropConnections();
      proxy.refuseNext(1);
      await pass.catch(() => undefined);
      expect(capture.delivered.filter((email) => email.idempotencyKey === `outbox-${id}`)).toHaveLength(1);
      const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id }, select: { status: true, lastError: true } });
      expect(row.status, `delivered, yet recorded as ${row.status} (${row.lastError?.split("\n").find((line) => line.trim())})`).not.toBe("FAILED");
      await until("sent", async () => {
        await sendDueEmails(testSender({ prisma: proxied, claimMs: 1_000 }));
        return (await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status === "SENT";
      }, 10_000, 250);
      expect(capture.delivered.filter((email) => email.idempotencyKey === `outbox-${id}`)).toHaveLength(1);
    }, 30_000);
  });
});
