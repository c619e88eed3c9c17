// One Prisma client per process, on the pg driver adapter (no query-engine binary).
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { readDatabaseUrl } from "@/lib/database-url";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

const statementNames = new Map<string, string>();

/**
 * A name per distinct SQL text, so each connection parses and plans a statement once and then
 * reuses it (PostgreSQL prepared statements). Prisma passes values as parameters, so the texts are
 * the query shapes of this code base: a bounded set.
 */
function statementName(query: { sql: string }): string {
  let name = statementNames.get(query.sql);
  if (!name) {
    name = `p${createHash("sha256").update(query.sql).digest("base64url").slice(0, 24)}`;
    statementNames.set(query.sql, name);
  }
  return name;
}

/**
 * A Prisma client on a pool of `poolSize` connections. Statements are prepared once per
 * connection, unless the URL turns that off (lib/database-url.ts).
 */
export function createPrismaClient(databaseUrl: string, poolSize = 10, options: { logQueries?: boolean } = {}): PrismaClient {
  const { connectionString, preparedStatements } = readDatabaseUrl(databaseUrl);
  const adapter = new PrismaPg({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 }, preparedStatements ? { statementNameGenerator: statementName } : {});
  return new PrismaClient({
    adapter,
    // A transaction waits up to 10 s for a connection of the pool (Prisma's default is 2 s): under
    // a burst (fifty clicks at once on two cores) the change is made late rather than refused.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
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
