// The development mailbox (SPEC §6): with DEV_MAILBOX on, emails are stored here instead of being
// sent (lib/email/transports.ts), and /dev/mailbox shows them. With it off, there is nothing.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const MAILBOX_PAGE_SIZE = 50;

/** The latest emails in the development mailbox, newest first; null when the mailbox is off. */
export async function mailboxMessages(prisma: PrismaClient = db()) {
  if (!env().DEV_MAILBOX) return null;
  return prisma.devMailboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: MAILBOX_PAGE_SIZE });
}
