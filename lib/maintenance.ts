// Tidying that nobody triggers: unanswered requests become EXPIRED after 30 days. Reads already
// treat them as expired (and grants past their end date as ended); this keeps the rows truthful.
// Safe to run in every app instance at once: each run is one idempotent UPDATE.
import { firstLine } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expireStaleRequests } from "@/lib/requests/create";

export async function tidy(prisma: PrismaClient, now = new Date()): Promise<void> {
  await prisma.$transaction((tx) => expireStaleRequests(tx, {}, now));
}

/** Runs `tidy` every `intervalMs` until stopped; a failed run is retried at the next tick. */
export function startMaintenance(prisma: PrismaClient, intervalMs = 5 * 60_000): { stop(): void } {
  const run = () => tidy(prisma).catch((error: unknown) => console.warn(`maintenance: ${firstLine(error)}`));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return { stop: () => clearInterval(timer) };
}
