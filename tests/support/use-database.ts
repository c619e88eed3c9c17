// The database of one test file: a fresh, migrated database and a Prisma client on it, made
// before the file's tests and dropped after them.
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export interface FileDatabase {
  readonly url: string;
  readonly prisma: PrismaClient;
}

/** Call at the top of a describe block; read `url` and `prisma` inside its tests and hooks. */
export function useDatabase(options: { poolSize?: number; demo?: boolean } = {}): FileDatabase {
  let database: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
    prisma = createPrismaClient(database.url, options.poolSize ?? 2);
    if (options.demo) await seedDemo(prisma);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error("useDatabase: the database exists only inside tests and hooks");
      return database.url;
    },
    get prisma() {
      if (!prisma) throw new Error("useDatabase: the client exists only inside tests and hooks");
      return prisma;
    },
  };
}
