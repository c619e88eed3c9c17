// npm run test:e2e [-- playwright args]
// Runs the Playwright suite against a production build: a fresh database (migrated, demo data
// loaded), `next start` on a free port, Playwright, then everything is torn down again.
import { createRequire } from "node:module";
import { createPrismaClient } from "@/lib/db";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { createTestDatabase } from "../tests/support/test-database.ts";
import { describeError } from "./lib/cli.ts";
import { freePort } from "./lib/embedded-postgres.ts";
import { buildIfStale, runToCompletion, startNextServer, stopNextServer, waitForHealth, type NextServer } from "./lib/next-server.ts";

const playwrightBin = createRequire(import.meta.url).resolve("@playwright/test/cli");

async function main(): Promise<number> {
  const database = await createTestDatabase({ migrate: true });
  let server: NextServer | undefined;
  try {
    const prisma = createPrismaClient(database.url, 2);
    await seedDemo(prisma);
    await prisma.$disconnect();

    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    // Emails go to the development mailbox, where the specs read them as a person would.
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, APP_URL: baseUrl, DEV_MAILBOX: "true" };
    delete env.RESEND_API_KEY;
    await buildIfStale(env);
    server = startNextServer("start", port, env, "ignore");
    await waitForHealth(baseUrl, server);

    // Not spawnSync: where the database is embedded in this process it must keep serving the app.
    return await runToCompletion(process.execPath, [playwrightBin, "test", ...process.argv.slice(2)], {
      ...env,
      E2E_BASE_URL: baseUrl,
      E2E_DATABASE_URL: database.url,
      E2E_DATABASE_KIND: database.kind,
    });
  } finally {
    if (server) await stopNextServer(server);
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:e2e: ${describeError(error)}`);
    process.exit(1);
  },
);
