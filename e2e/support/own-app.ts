// An app and a database of its own, for the specs that compare a snapshot of the whole database
// before and after each request (the access matrix, hostile input): with the other specs running
// beside them on the main app, any row another test writes would count as a change. Each worker
// that runs such a spec starts the production server from the run's build on a new database (no demo data),
// and stops it and drops the database when the worker ends. The `request` fixture and the pages
// of these specs go to it (`baseURL`).
import { test as base } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import type { AppUnderTest } from "./session.ts";
import { appConfig, serveApp, type DatabaseKind } from "./serve.ts";

export interface OwnApp extends AppUnderTest {
  databaseUrl: string;
  databaseKind: DatabaseKind;
  /** The issuer of its local identity provider. */
  identityProvider: string;
}

export const test = base.extend<{ baseURL: string }, { ownApp: OwnApp }>({
  ownApp: [
    async ({}, provide) => {
      const served = await serveApp({ build: false, demoData: false });
      const prisma = createPrismaClient(served.databaseUrl, 2);
      try {
        await provide({ baseUrl: served.baseUrl, prisma, config: appConfig(served.baseUrl, served.databaseUrl), databaseUrl: served.databaseUrl, databaseKind: served.databaseKind, identityProvider: served.identityProvider });
      } finally {
        await prisma.$disconnect();
        await served.stop();
      }
    },
    { scope: "worker", timeout: 240_000 },
  ],
  baseURL: async ({ ownApp }, provide) => {
    await provide(ownApp.baseUrl);
  },
});

export { expect } from "@playwright/test";
