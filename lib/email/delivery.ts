// How this process delivers email, decided once from the environment (SPEC §6).
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { startSender, type RunningSender } from "@/lib/email/sender";
import { mailboxTransport, resendTransport, type Transport } from "@/lib/email/transports";

/** The configured transport: the development mailbox, Resend, or none (emails wait in the outbox). */
export function configuredTransport(): Transport | null {
  const { DEV_MAILBOX, RESEND_API_KEY, RESEND_BASE_URL } = env();
  if (DEV_MAILBOX) return mailboxTransport(db());
  if (RESEND_API_KEY) return resendTransport({ apiKey: RESEND_API_KEY, baseUrl: RESEND_BASE_URL });
  return null;
}

const globalForSender = globalThis as unknown as { emailSender?: RunningSender };

/** Starts this process's sender once. Returns null when no transport is configured. */
export function startConfiguredSender(): RunningSender | null {
  if (globalForSender.emailSender) return globalForSender.emailSender;
  const transport = configuredTransport();
  if (!transport) {
    console.warn("Email delivery is off: set DEV_MAILBOX=true or RESEND_API_KEY. Emails wait in the outbox until then.");
    return null;
  }
  const { EMAIL_FROM, APP_URL, APP_TIME_ZONE } = env();
  globalForSender.emailSender = startSender({ prisma: db(), transport, from: EMAIL_FROM, appUrl: APP_URL, timeZone: APP_TIME_ZONE });
  return globalForSender.emailSender;
}
