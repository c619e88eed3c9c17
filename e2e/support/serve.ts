// An app under test: the production build served by the production server (`server.ts`) on a database of its own,
// created and migrated here (and loaded with the demo data when asked), then dropped again. The
// database is a fresh one on the PostgreSQL server of tests/support/test-database.ts or, where no
// server answers, an embedded PGlite living in the calling process (which must then keep running
// while others use it). Emails go to the development mailbox, where specs read them as a person would.
// Staff sign in at a local OpenID Connect provider (scripts/lib/local-identity-provider.ts) started
// beside the app and stopped with it.
import { createPrismaClient } from "@/lib/db";
import { parseEnv, type Env } from "@/lib/env";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { freePort } from "../../scripts/lib/embedded-postgres.ts";
import { startLocalIdentityProvider, type LocalIdentityProvider } from "../../scripts/lib/local-identity-provider.ts";
import { buildIfStale, startNextServer, stopNextServer, waitForHealth, type NextServer } from "../../scripts/lib/next-server.ts";
import { createTestDatabase } from "../../tests/support/test-database.ts";

export type DatabaseKind = "server" | "embedded";

export interface ServedApp {
  baseUrl: string;
  databaseUrl: string;
  databaseKind: DatabaseKind;
  /** The issuer of the local identity provider staff sign in at. */
  identityProvider: string;
  /** Stops the server, then drops the database. */
  stop(): Promise<void>;
}

/** The environment the app under test runs with, at `baseUrl` on `databaseUrl`. */
/**
 * The apps under test have an AUTH_SECRET of their own, as a deployment does (without one, the
 * development key is used and the record gate hands the page no verdict: decision 021). Fixed, so
 * the test processes that sign sessions in compute the same keys as the server.
 */
const E2E_AUTH_SECRET = "end-to-end-tests-auth-secret-of-the-apps-under-test";

export function appEnvironment(baseUrl: string, databaseUrl: string, identityProvider?: LocalIdentityProvider): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, APP_URL: baseUrl, DEV_MAILBOX: "true", AUTH_SECRET: E2E_AUTH_SECRET, ...identityProvider?.env };
  delete env.RESEND_API_KEY;
  return env;
}

/**
 * The app's configuration as its server reads it (it runs in production): what decides
 * the session cookies' name and key, for specs that sign in without the form.
 */
export function appConfig(baseUrl: string, databaseUrl: string): Env {
  return parseEnv({ ...appEnvironment(baseUrl, databaseUrl), NODE_ENV: "production" });
}

/**
 * Serves the app on a new database. `build` makes a production build first when there is none or
 * the code changed (only the run's main server does: the others reuse its build); `demoData`
 * loads SPEC §8's demo records.
 */
export async function serveApp(options: { build: boolean; demoData: boolean; env?: Record<string, string> }): Promise<ServedApp> {
  const database = await createTestDatabase({ migrate: true });
  let server: NextServer | undefined;
  let identityProvider: LocalIdentityProvider | undefined;
  try {
    if (options.demoData) {
      const prisma = createPrismaClient(database.url, 2);
      try {
        await seedDemo(prisma);
      } finally {
        await prisma.$disconnect();
      }
    }
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    identityProvider = await startLocalIdentityProvider({ appUrl: baseUrl });
    const idp = identityProvider;
    const env = { ...appEnvironment(baseUrl, database.url, idp), ...options.env };
    if (options.build) await buildIfStale(env);
    const started = startNextServer("start", port, env, "ignore");
    server = started;
    await waitForHealth(baseUrl, started);
    let stopped = false;
    return {
      baseUrl,
      databaseUrl: database.url,
      databaseKind: database.kind,
      identityProvider: idp.issuer,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await stopNextServer(started);
          await idp.stop();
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    if (server) await stopNextServer(server);
    await identityProvider?.stop();
    await database.drop();
    throw error;
  }
}
