// One Prisma client per process, on the pg driver adapter (no query-engine binary).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export function createPrismaClient(databaseUrl: string, poolSize = 10, options: { logQueries?: boolean } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({
    adapter,
    omit: { provider: { passwordHash: true }, familyAccount: { passwordHash: true } },
    // Query events, for tests that inspect the SQL Prisma sends.
    ...(options.logQueries ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * The app's Prisma client, created on first use and kept on globalThis so hot reloads in
 * development reuse it. Password hashes are omitted unless a query asks for them.
 */
export function db(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    globalForPrisma.prisma = createPrismaClient(DATABASE_URL, DATABASE_POOL_SIZE);
  }
  return globalForPrisma.prisma;
}
