// How the run's main app (e2e/web-server.ts) tells Playwright where it is: one line on its output,
// which playwright.config.ts waits for. Playwright puts the line's named groups, upper-cased, in its
// own environment before it starts the workers, which inherit them: E2E_BASE_URL,
// E2E_DATABASE_KIND and E2E_DATABASE_URL.

export interface RunApp {
  baseUrl: string;
  databaseKind: "server" | "embedded";
  databaseUrl: string;
}

/** The line e2e/web-server.ts prints once the app answers; it ends with the database's URL. */
export function readyLine(app: RunApp): string {
  return `e2e: serving ${app.baseUrl} on the ${app.databaseKind} database ${app.databaseUrl}`;
}

/** readyLine, as playwright.config.ts waits for it (up to its end, so no URL is cut short). */
export const READY_LINE = /^e2e: serving (?<e2e_base_url>\S+) on the (?<e2e_database_kind>server|embedded) database (?<e2e_database_url>\S+)\r?\n/m;

/** The run's main app, in a worker. */
export function runApp(): RunApp {
  const baseUrl = process.env.E2E_BASE_URL;
  const databaseUrl = process.env.E2E_DATABASE_URL;
  const databaseKind = process.env.E2E_DATABASE_KIND;
  if (!baseUrl || !databaseUrl || (databaseKind !== "server" && databaseKind !== "embedded")) {
    throw new Error("E2E_BASE_URL, E2E_DATABASE_URL and E2E_DATABASE_KIND are not set: run the end-to-end tests with `npm run test:e2e`.");
  }
  return { baseUrl, databaseUrl, databaseKind };
}
