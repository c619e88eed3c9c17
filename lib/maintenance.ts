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

/**
 * One pass of the work at `now`: how many reminders and notices it queued and endings it recorded
 * (0: nothing was due). A pass handles a batch of each kind of notice (lib/notices.ts), so a backlog takes
 * several passes, one per interval of startMaintenance.
 */
export async function tidy(prisma: PrismaClient, now = new Date()): Promise<number> {
  await prisma.$transaction((tx) => expireStaleRequests(tx, {}, now));
  const reminded = await remindDueConfirmations(prisma, now);
  const notices = await sendScheduledNotices(prisma, now);
  return reminded + notices.expired + notices.reminded + notices.ending + notices.ended;
}

/** Runs `tidy` every `intervalMs` until stopped; a failed run is retried at the next tick. */
export function startMaintenance(prisma: PrismaClient, intervalMs = 5 * 60_000): { stop(): void } {
  const run = () => tidy(prisma).catch((error: unknown) => console.warn(`maintenance: ${firstLine(error)}`));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
