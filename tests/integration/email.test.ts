import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db";
import { queueEmail } from "@/lib/email/outbox";
import { sendDueEmails, startSender, type SenderOptions } from "@/lib/email/sender";
import { mailboxTransport, resendTransport } from "@/lib/email/transports";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startResendCapture, type ResendCapture } from "../support/resend-capture.ts";
import { useDatabase } from "../support/use-database.ts";

const APP_URL = "https://portal.example.org";
const FROM = "Children's Hospital <no-reply@hospital.example>";

describe("email outbox and sender", () => {
  const db = useDatabase({ poolSize: 4 });
  let capture: ResendCapture;
  const errors: string[] = [];
  const log = { error: (message: string) => errors.push(message), warn: () => {} };
  beforeEach(async () => {
    capture = await startResendCapture();
    errors.length = 0;
  });
  afterEach(async () => {
    await capture.close();
  });

  function options(overrides: Partial<SenderOptions> = {}): SenderOptions {
    return {
      prisma: db.prisma,
      transport: resendTransport({ apiKey: capture.apiKey, baseUrl: capture.url, timeoutMs: 400 }),
      from: FROM,
      appUrl: APP_URL,
      baseDelayMs: 20,
      maxDelayMs: 100,
      log,
      ...overrides,
    };
  }

  /** Passes until the email is no longer waiting (or 15 s pass). */
  async function drain(id: string, senderOptions = options()) {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await sendDueEmails(senderOptions);
      const row = await db.prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
      if (row.status === "SENT" || row.status === "FAILED") return row;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`email ${id} still waiting after 15 s`);
  }

  const recipient = () => `provider-${randomUUID()}@clinic.example`;
  const queueDeclined = (to: string) => db.prisma.$transaction((tx) => queueEmail(tx, { template: "accessDeclined", to, props: {} }));

  it("sends nothing for a transaction that rolled back", async () => {
    const to = recipient();
    await expect(
      db.prisma.$transaction(async (tx) => {
        await queueEmail(tx, { template: "accessDeclined", to, props: {} });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.prisma.outboxEmail.count({ where: { to } })).toBe(0);
    await sendDueEmails(options());
    expect(capture.requests.filter((request) => request.to === to)).toEqual([]);
  });

  it("delivers a committed email once through the Resend SDK, with its subject and deep link, then erases its props", async () => {
    const to = recipient();
    const requestId = randomUUID();
    const { id } = await db.prisma.$transaction((tx) =>
      queueEmail(tx, { template: "accessRequested", to, language: "EN", props: { providerName: "Dr. Omar Haddad", practiceName: "Fenway Pediatric Cardiology", requestId } }),
    );
    const row = await drain(id);
    expect(row).toMatchObject({ status: "SENT", attempts: 1, props: null, lastError: null });
    expect(capture.delivered).toHaveLength(1);
    const [email] = capture.delivered;
    expect(email).toMatchObject({ from: FROM, to: [to], subject: "A provider asked to see a record in MyChildren's", idempotencyKey: `outbox-${id}` });
    expect(email!.html).toContain(`href="${APP_URL}/mychildren/requests/${requestId}"`);
    expect(email!.text).toContain(`${APP_URL}/mychildren/requests/${requestId}`);
    expect(row.providerMessageId).toBe(email!.id);
  });

  it("delivers exactly once when Resend answers 500 a few times and then recovers", async () => {
    const to = recipient();
    capture.failNext(3, 500);
    const { id } = await queueDeclined(to);
    const row = await drain(id);
    expect(row).toMatchObject({ status: "SENT", attempts: 4 });
    expect(capture.requests.filter((request) => request.to === to)).toHaveLength(4);
    expect(capture.delivered.filter((email) => email.to[0] === to)).toHaveLength(1);
  });

  it("delivers exactly once when Resend hangs past the timeout and answers late", async () => {
    const to = recipient();
    capture.hangNext(1, 1_500);
    const { id } = await queueDeclined(to);
    const row = await drain(id);
    expect(row.status).toBe("SENT");
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    // Let the hung request finish on the server side: the idempotency key stops a second delivery.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(capture.requests.filter((request) => request.to === to).length).toBeGreaterThanOrEqual(2);
    expect(capture.delivered.filter((email) => email.to[0] === to)).toHaveLength(1);
  });

  it("never lets two senders running at once send the same email", async () => {
    const recipients = Array.from({ length: 40 }, recipient);
    await db.prisma.$transaction(async (tx) => {
      for (const to of recipients) await queueEmail(tx, { template: "accessRevoked", to, props: {} });
    });
    const second = createPrismaClient(db.url, 4);
    const sentBy: [number, number] = [0, 0];
    try {
      const run = async (client: PrismaClient, sender: 0 | 1) => {
        const resend = resendTransport({ apiKey: capture.apiKey, baseUrl: capture.url, timeoutMs: 2_000 });
        const counting = { name: "counting", send: (email: Parameters<typeof resend.send>[0]) => ((sentBy[sender] += 1), resend.send(email)) };
        for (let pass = 0; pass < 20; pass += 1) await sendDueEmails(options({ prisma: client, batchSize: 3, transport: counting }));
      };
      await Promise.all([run(db.prisma, 0), run(second, 1)]);
    } finally {
      await second.$disconnect();
    }
    // Both really sent, and together they asked Resend exactly once per email.
    expect(sentBy[0]).toBeGreaterThan(0);
    expect(sentBy[1]).toBeGreaterThan(0);
    const requested = capture.requests.map((request) => request.to).filter((to) => recipients.includes(to));
    expect(requested.sort()).toEqual([...recipients].sort());
    expect(await db.prisma.outboxEmail.count({ where: { to: { in: recipients }, status: "SENT", attempts: 1 } })).toBe(40);
  });

  it("marks an email FAILED after the configured attempts, keeps it and reports it", async () => {
    const to = recipient();
    capture.failAlways(503);
    const { id } = await queueDeclined(to);
    const row = await drain(id, options({ maxAttempts: 3 }));
    expect(row).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(row.lastError).toMatch(/Resend 503/);
    expect(capture.requests.filter((request) => request.to === to)).toHaveLength(3);
    expect(errors).toEqual([expect.stringContaining(`email ${id} (accessDeclined) failed after 3 attempt(s)`)]);
  });

  it("keeps an email's secret props only while it may still be sent: erased once SENT and once FAILED, kept while retrying", async () => {
    const queueInvitation = (to: string) =>
      db.prisma.$transaction((tx) => queueEmail(tx, { template: "invitation", to, props: { token: "ABCD-EFGH-JKMN-PQRS-TVWX", mrn: "1000001", expiresAt: new Date(Date.now() + 86_400_000).toISOString() } }));
    const stored = (id: string) => db.prisma.outboxEmail.findUniqueOrThrow({ where: { id } });

    const sent = await queueInvitation(recipient());
    expect((await drain(sent.id)).props).toBeNull();

    capture.failNext(1, 500);
    const retried = await queueInvitation(recipient());
    await sendDueEmails(options({ baseDelayMs: 60_000, maxDelayMs: 600_000 }));
    expect(await stored(retried.id)).toMatchObject({ status: "PENDING", props: expect.objectContaining({ token: "ABCD-EFGH-JKMN-PQRS-TVWX" }) });

    capture.failAlways(503);
    const failed = await queueInvitation(recipient());
    expect(await drain(failed.id, options({ maxAttempts: 2 }))).toMatchObject({ status: "FAILED", props: null });

    capture.reset();
    capture.failNext(1, 422);
    const rejected = await queueInvitation(recipient());
    expect(await drain(rejected.id)).toMatchObject({ status: "FAILED", attempts: 1, props: null });
    const raw = await db.prisma.$queryRaw<{ props: unknown }[]>`SELECT props FROM "OutboxEmail" WHERE id IN (${sent.id}::uuid, ${failed.id}::uuid, ${rejected.id}::uuid)`;
    expect(raw.map((row) => row.props)).toEqual([null, null, null]);
  });

  it("does not retry an email Resend rejects as malformed (422)", async () => {
    const to = recipient();
    capture.failNext(1, 422);
    const { id } = await queueDeclined(to);
    const row = await drain(id);
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
  });

  it("waits before retrying, longer after each failure", async () => {
    const to = recipient();
    capture.failNext(2, 500);
    const { id } = await queueDeclined(to);
    const slow = options({ baseDelayMs: 60_000, maxDelayMs: 600_000 });
    await sendDueEmails(slow);
    const first = await db.prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(first.status).toBe("PENDING");
    expect(first.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(25_000);
    // Not due yet: another pass leaves it alone.
    await sendDueEmails(slow);
    expect((await db.prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
  });

  it("takes over an email whose sender crashed mid-send once the claim expires", async () => {
    const to = recipient();
    const { id } = await queueDeclined(to);
    await db.prisma.outboxEmail.update({ where: { id }, data: { status: "SENDING", attempts: 1, lockedUntil: new Date(Date.now() + 60_000) } });
    await sendDueEmails(options());
    expect(capture.requests.filter((request) => request.to === to)).toHaveLength(0);
    await db.prisma.outboxEmail.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    const row = await drain(id);
    expect(row).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("never marks a delivered email FAILED when recording the delivery fails; it is confirmed later, delivered once", async () => {
    const to = recipient();
    const { id } = await queueDeclined(to);
    // The first attempt to record SENT fails, as if the database went away at that moment.
    // (A sequence, because it advances even when the failing statement rolls back.)
    await db.prisma.$executeRawUnsafe(`CREATE SEQUENCE sent_attempts`);
    await db.prisma.$executeRawUnsafe(`CREATE FUNCTION fail_sent_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'SENT' AND nextval('sent_attempts') = 1 THEN RAISE EXCEPTION 'connection lost'; END IF; RETURN NEW; END $$`);
    await db.prisma.$executeRawUnsafe(`CREATE TRIGGER fail_sent_once BEFORE UPDATE ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION fail_sent_once()`);
    try {
      const warnings: string[] = [];
      await sendDueEmails(options({ claimMs: 200, log: { error: (m: string) => errors.push(m), warn: (m: string) => warnings.push(m) } }));
      expect((await db.prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("SENDING");
      expect(warnings).toEqual([expect.stringContaining(`email ${id} was delivered but could not be recorded yet`)]);
      await new Promise((resolve) => setTimeout(resolve, 250));
      const row = await drain(id);
      expect(row.status).toBe("SENT");
      expect(errors).toEqual([]);
      expect(capture.delivered.filter((email) => email.to[0] === to)).toHaveLength(1);
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER fail_sent_once ON "OutboxEmail"`);
      await db.prisma.$executeRawUnsafe(`DROP FUNCTION fail_sent_once()`);
      await db.prisma.$executeRawUnsafe(`DROP SEQUENCE sent_attempts`);
    }
  });

  it("runs passes in the background until stopped", async () => {
    const to = recipient();
    const { id } = await queueDeclined(to);
    const sender = startSender({ ...options(), idleMs: 20 });
    await expect.poll(async () => (await db.prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status, { timeout: 10_000 }).toBe("SENT");
    await sender.stop();
    expect(capture.delivered.filter((email) => email.to[0] === to)).toHaveLength(1);
  });

  it("delivers to the development mailbox instead of Resend when that transport is chosen, once", async () => {
    const to = recipient();
    const { id } = await queueDeclined(to);
    const row = await drain(id, options({ transport: mailboxTransport(db.prisma) }));
    expect(row.status).toBe("SENT");
    const messages = await db.prisma.devMailboxMessage.findMany({ where: { to } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ outboxEmailId: id, subject: "Your access request was declined" });
    expect(messages[0]!.html).toContain(`${APP_URL}/mypatients/requests`);
    // A redelivery (a sender that crashed after storing it) does not duplicate it.
    await mailboxTransport(db.prisma).send({ id, from: FROM, to, subject: "x", html: "x", text: "x" });
    expect(await db.prisma.devMailboxMessage.count({ where: { to } })).toBe(1);
    expect(capture.requests.filter((request) => request.to === to)).toHaveLength(0);
  });
});
