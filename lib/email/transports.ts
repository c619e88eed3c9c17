// Where delivered emails go: Resend in production, the development mailbox in the demo.
import { Resend } from "resend";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface OutgoingEmail {
  /** The outbox id: Resend's idempotency key, so a retried send is delivered once. */
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** A failed delivery; `permanent` failures (a malformed address, say) are not retried. */
export class DeliveryError extends Error {
  constructor(message: string, readonly permanent = false) {
    super(message);
  }
}

export interface Transport {
  name: string;
  /** Delivers one email and returns the provider's message id, or throws a DeliveryError. */
  send(email: OutgoingEmail): Promise<string>;
}

/** Resend through its SDK; `baseUrl` points it elsewhere (tests use a local capture server). */
export function resendTransport(options: { apiKey: string; baseUrl?: string; timeoutMs?: number }): Transport {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await resend.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: `outbox-${email.id}`, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (data) return data.id;
      const status = error && "statusCode" in error ? error.statusCode : null;
      // 400 and 422 mean the email itself is malformed: sending it again cannot succeed.
      throw new DeliveryError(`Resend ${status ?? "unreachable"}: ${error?.message ?? "no answer"}`, status === 400 || status === 422);
    },
  };
}

/** The development mailbox: the email is stored for /dev/mailbox instead of being sent. */
export function mailboxTransport(prisma: PrismaClient): Transport {
  return {
    name: "mailbox",
    async send(email) {
      const message = await prisma.devMailboxMessage.upsert({
        where: { outboxEmailId: email.id },
        create: { outboxEmailId: email.id, to: email.to, subject: email.subject, html: email.html, text: email.text },
        update: {},
        select: { id: true },
      });
      return message.id;
    },
  };
}
