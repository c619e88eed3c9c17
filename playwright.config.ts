import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { READY_LINE } from "./e2e/support/run";

// `npm run test:e2e` (playwright test): before the workers start, `webServer` runs
// e2e/web-server.ts, which builds the app when the code changed, serves the production build on a
// fresh, seeded database and prints where both are; Playwright reads that line into E2E_BASE_URL,
// E2E_DATABASE_URL and E2E_DATABASE_KIND, which the workers inherit (this file is loaded again in
// each worker, where E2E_BASE_URL is set). After the last test it stops that server with SIGTERM,
// and the server drops its database. Debian's Chromium is used when installed (Playwright cannot
// download its own browser on machines without internet access).

const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Every spec makes its own people and records (e2e/support/factories.ts), so tests run in
  // parallel; the two specs that watch a whole database run in order on an app and database of
  // their own (e2e/support/own-app.ts).
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two workers share the 2 cores with the app servers and Chromium: a journey with several
  // people, pages and emails took over 30 s on a busy machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  webServer: {
    command: `${JSON.stringify(process.execPath)} --import tsx e2e/web-server.ts`,
    wait: { stdout: READY_LINE },
    // The build's progress, when there is one (the server's own output is left out).
    stdout: "pipe",
    // A build on a busy 2-core machine takes minutes.
    timeout: 15 * 60_000,
    // SIGTERM lets it stop the server and drop the database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
  use: {
    baseURL: process.env.E2E_BASE_URL,
    // A failed test keeps its trace (each step's DOM, network and console) without the screencast,
    // which kept Chromium drawing frames through every test (e2e/account-security.spec.ts alone: 80 s
    // with it, 66 s without).
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
});
