import type { PrismaClient } from "@/lib/generated/prisma/client";

export type Health = { status: "ok" } | { status: "unavailable"; reason: string };

/** Asks the database a trivial question, giving up after `timeoutMs`. */
export async function checkHealth(prisma: PrismaClient, timeoutMs = 3_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout]);
    return { status: "ok" };
  } catch (error) {
    const detail = error instanceof Error && /no answer within/.test(error.message) ? error.message : "not reachable";
    return { status: "unavailable", reason: `database ${detail}` };
  } finally {
    clearTimeout(timer);
  }
}
