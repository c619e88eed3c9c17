// The web server of `npm run test:e2e`: Playwright starts it (playwright.config.ts, `webServer`)
// before any worker and stops it with SIGTERM after the last. It makes the production build when
// the code changed, creates, migrates and demo-seeds the run's database, serves the app on a free
// port, and then prints the line of e2e/support/run.ts that tells Playwright, and through it every
// worker, where the app and its database are. On SIGTERM it stops the server and drops the
// database. Where the database is embedded, it lives in this process, which keeps serving it.
import { describeError } from "../scripts/lib/cli.ts";
import { readyLine } from "./support/run.ts";
import { serveApp, type ServedApp } from "./support/serve.ts";

let app: ServedApp | undefined;
let stopping = false;

function stop(): void {
  if (stopping) return;
  stopping = true;
  // Before the app is up, main() stops it as soon as it is.
  if (app) void app.stop().finally(() => process.exit(0));
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

async function main(): Promise<void> {
  app = await serveApp({ build: true, demoData: true });
  if (stopping) {
    await app.stop();
    process.exit(0);
  }
  console.log(readyLine({ baseUrl: app.baseUrl, databaseKind: app.databaseKind, databaseUrl: app.databaseUrl }));
}

main().catch((error: unknown) => {
  console.error(`e2e web server: ${describeError(error)}`);
  process.exit(1);
});
