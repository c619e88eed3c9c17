// The sender: claims due emails from the outbox (FOR UPDATE SKIP LOCKED, so two app instances
// never claim the same one), delivers them, and retries failures with exponential backoff and
// jitter. After `maxAttempts` an email is marked FAILED and logged, never silently dropped.
import { Prisma, type Language, type PrismaClient } from "@/lib/generated/prisma/client";
import { renderEmail } from "@/lib/email/catalog";
import { DeliveryError, type Transport } from "@/lib/email/transports";
import { firstLine } from "@/lib/errors";
import { localeOf } from "@/lib/i18n/locales";

export interface SenderOptions {
  prisma: PrismaClient;
  transport: Transport;
  from: string;
  appUrl: string;
  /** The time zone dates in emails are shown in (APP_TIME_ZONE). */
  timeZone?: string;
  /** Emails claimed per pass. */
  batchSize?: number;
  maxAttempts?: number;
  /** First retry delay; each further attempt doubles it, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim lasts: an email still SENDING after that (a crashed sender) is claimed again. */
  claimMs?: number;
  random?: () => number;
  log?: Pick<Console, "error" | "warn">;
}

const DEFAULTS = { batchSize: 20, maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 60 * 60_000, claimMs: 2 * 60_000 };

interface Claimed {
  id: string;
  to: string;
  template: string;
  props: unknown;
  /** Chosen when it was queued: the family account's language, or EN. */
  language: Language;
  attempts: number;
}

/** Delay before attempt `attempts + 1`: exponential, capped, with "equal jitter" (half fixed, half random). */
export function retryDelayMs(attempts: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

async function claim(prisma: PrismaClient, batchSize: number, claimMs: number): Promise<Claimed[]> {
  return prisma.$queryRaw<Claimed[]>`
    UPDATE "OutboxEmail"
    SET status = 'SENDING', attempts = attempts + 1, "lockedUntil" = now() + make_interval(secs => ${claimMs / 1000}::double precision), "updatedAt" = now()
    WHERE id IN (
      SELECT id FROM "OutboxEmail"
      WHERE (status = 'PENDING' AND "nextAttemptAt" <= now()) OR (status = 'SENDING' AND "lockedUntil" < now())
      ORDER BY "nextAttemptAt"
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "to", template, props, language, attempts`;
}

export interface PassResult {
  sent: number;
  retrying: number;
  failed: number;
}

/** One pass: claims the emails that are due and tries each once. */
export async function sendDueEmails(options: SenderOptions): Promise<PassResult> {
  const settings = { ...DEFAULTS, random: Math.random, log: console, ...options };
  const { prisma, transport } = settings;
  const result: PassResult = { sent: 0, retrying: 0, failed: 0 };
  const claimed = await claim(prisma, settings.batchSize, settings.claimMs);
  for (const email of claimed) {
    let messageId: string;
    try {
      // A template or props that do not render never will: that failure is permanent.
      const rendered = await renderEmail(email.template, email.props, settings.appUrl, settings.timeZone, localeOf(email.language)).catch((error: unknown) => {
        throw new DeliveryError(`cannot render: ${firstLine(error)}`, true);
      });
      messageId = await transport.send({ id: email.id, from: settings.from, to: email.to, ...rendered });
    } catch (error) {
      // Only a delivery error marked permanent is final; anything else (Resend down, a lost
      // database connection in the mailbox transport) is retried.
      const permanent = error instanceof DeliveryError && error.permanent;
      const message = firstLine(error).slice(0, 1000);
      if (permanent || email.attempts >= settings.maxAttempts) {
        // Failed for good: nobody will render it again, so its secrets (links, tokens, codes) go too.
        await prisma.outboxEmail.updateMany({ where: { id: email.id, status: "SENDING" }, data: { status: "FAILED", lastError: message, lockedUntil: null, props: Prisma.DbNull } });
        settings.log.error(`email ${email.id} (${email.template}) failed after ${email.attempts} attempt(s) and will not be retried: ${message}`);
        result.failed += 1;
      } else {
        const delay = retryDelayMs(email.attempts, settings.baseDelayMs, settings.maxDelayMs, settings.random);
        await prisma.outboxEmail.updateMany({
          where: { id: email.id, status: "SENDING" },
          data: { status: "PENDING", lastError: message, lockedUntil: null, nextAttemptAt: new Date(Date.now() + delay) },
        });
        result.retrying += 1;
      }
      continue;
    }
    // Delivered. Recording it may still fail (the database went away): then the claim expires and
    // the email is sent again with the same idempotency key, which delivers nothing twice.
    try {
      // Props may hold secrets (links, tokens): erase them once delivered.
      await prisma.outboxEmail.updateMany({
        where: { id: email.id, status: "SENDING" },
        data: { status: "SENT", sentAt: new Date(), providerMessageId: messageId, props: Prisma.DbNull, lockedUntil: null, lastError: null },
      });
      result.sent += 1;
    } catch (error) {
      settings.log.warn(`email ${email.id} was delivered but could not be recorded yet (${firstLine(error)}); it will be confirmed on a later pass`);
    }
  }
  return result;
}

export interface RunningSender {
  stop(): Promise<void>;
}

/** Runs passes until stopped: straight away while there is work, every `idleMs` otherwise. */
export function startSender(options: SenderOptions & { idleMs?: number }): RunningSender {
  const idleMs = options.idleMs ?? 1_000;
  const log = options.log ?? console;
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        const pass = await sendDueEmails(options);
        busy = pass.sent + pass.retrying + pass.failed > 0;
      } catch (error) {
        // The database is unreachable, say: nothing is lost, the next pass tries again.
        log.warn(`email sender: ${firstLine(error)}`);
      }
      if (!busy && !stopped) await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, idleMs).unref();
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
