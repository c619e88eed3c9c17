// Work that nobody triggers: unanswered requests become EXPIRED after 30 days (reads already treat
// them as expired, and grants past their end date as ended; this keeps the rows truthful), and
// site administrators are reminded when their member list is due for confirmation, and the
// scheduled emails of SPEC §6 go out (lib/notices.ts). Safe to run in every app instance at once:
// each step claims its rows with a conditional UPDATE, so nothing is done twice.
import { firstLine } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sendScheduledNotices } from "@/lib/notices";
import { remindDueConfirmations } from "@/lib/practices/memberships";
import { expireStaleRequests } from "@/lib/requests/create";

export async function tidy(prisma: PrismaClient, now = new Date()): Promise<void> {
  await prisma.$transaction((tx) => expireStaleRequests(tx, {}, now));
  await remindDueConfirmations(prisma, now);
  await sendScheduledNotices(prisma, now);
}

/** Runs `tidy` every `intervalMs` until stopped; a failed run is retried at the next tick. */
export function startMaintenance(prisma: PrismaClient, intervalMs = 5 * 60_000): { stop(): void } {
  const run = () => tidy(prisma).catch((error: unknown) => console.warn(`maintenance: ${firstLine(error)}`));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
