import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Run through `npm run test:e2e`, which builds the app, starts it on a fresh database and
// sets E2E_BASE_URL. Debian's Chromium is used when installed (Playwright cannot download
// its own browser on machines without internet access).
const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) throw new Error("Run the end-to-end tests with `npm run test:e2e`: it starts the app and sets E2E_BASE_URL.");

const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // One worker: the specs share the demo accounts, whose requests, grants and lockouts are state.
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
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
