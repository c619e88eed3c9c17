// npm run demo | npm run dev
// Serves the app with demo data. Without DATABASE_URL it starts an embedded PostgreSQL (PGlite)
// whose data lives in .data/pglite and survives restarts; with DATABASE_URL it uses that database.
// Either way it applies the migrations, seeds the demo data into an empty database, starts Next.js
// and prints the address and the demo accounts. Unless STAFF_OIDC_ISSUER names the hospital's
// identity provider, it starts a local one (scripts/lib/local-identity-provider.ts) for the staff
// console. Ctrl-C stops the server, then the identity provider and the database.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPrismaClient } from "@/lib/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/scripts/lib/seed/demo";
import { CliError, describeError, parseFlags } from "./lib/cli.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { startLocalIdentityProvider, type LocalIdentityProvider } from "./lib/local-identity-provider.ts";
import { buildIfStale, isServing, startNextServer, waitForHealth, type NextServer } from "./lib/next-server.ts";
import { isRunning } from "./lib/processes.ts";
import { applyMigrations } from "./lib/schema-engine.ts";

const DATA_DIR = path.resolve(".data/pglite");
const LOCK_FILE = path.resolve(".data/pglite.lock");

/** One embedded database per data folder: a second copy would corrupt it. */
async function lockDataDir(): Promise<() => Promise<void>> {
  await mkdir(path.dirname(LOCK_FILE), { recursive: true });
  const holder = Number((await readFile(LOCK_FILE, "utf8").catch(() => "")).trim());
  if (holder && holder !== process.pid && isRunning(holder)) {
    throw new CliError(`the embedded database is already in use by process ${holder} (another npm run demo or dev?)`);
  }
  await writeFile(LOCK_FILE, String(process.pid));
  return () => rm(LOCK_FILE, { force: true });
}

function banner(url: string, databaseNote: string, mailbox: boolean, identityNote: string): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
  const lines = DEMO_ACCOUNTS.map((account) => `    ${account.email.padEnd(width)}  ${account.name} (${account.role})`);
  return [
    "",
    `  The app is running at ${url}`,
    `  ${databaseNote}`,
    mailbox ? `  Emails: ${url}/dev/mailbox (development mailbox; nothing is sent)` : "  Emails: sent through Resend",
    `  Staff console: ${url}/staff (${identityNote})`,
    "",
    `  Demo accounts (password ${DEMO_PASSWORD}):`,
    ...lines,
    "",
    "  Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

async function main(): Promise<number> {
  const { positionals } = parseFlags({});
  const mode = positionals[0];
  if ((mode !== "demo" && mode !== "dev") || positionals.length > 1) throw new CliError("usage: tsx scripts/run.ts demo|dev");
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new CliError(`PORT must be a TCP port number, not "${process.env.PORT}"`);
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;

  let embedded: EmbeddedPostgres | undefined;
  let unlock: (() => Promise<void>) | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  let databaseNote = "Database: DATABASE_URL";
  if (!databaseUrl) {
    unlock = await lockDataDir();
    embedded = await startEmbeddedPostgres({ dataDir: DATA_DIR });
    databaseUrl = embedded.url;
    databaseNote = `Database: embedded PostgreSQL, data kept in ${path.relative(process.cwd(), DATA_DIR)}`;
  }
  let identityProvider: LocalIdentityProvider | undefined;
  const shutdownDatabase = async () => {
    await identityProvider?.stop();
    await embedded?.stop();
    await unlock?.();
  };

  let server: NextServer | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    if (server && isServing(server)) server.child.kill("SIGTERM");
    else void shutdownDatabase().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  try {
    const applied = await applyMigrations(databaseUrl);
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s).`);
    const prisma = createPrismaClient(databaseUrl, 2);
    try {
      if ((await prisma.provider.count()) === 0) {
        await seedDemo(prisma);
        console.log("Loaded the demo data.");
      }
    } finally {
      await prisma.$disconnect();
    }

    // The demo and development commands deliver email to /dev/mailbox (unless Resend is configured).
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, APP_URL: appUrl };
    let identityNote = `identity provider ${process.env.STAFF_OIDC_ISSUER}`;
    if (!process.env.STAFF_OIDC_ISSUER) {
      identityProvider = await startLocalIdentityProvider({ appUrl });
      Object.assign(env, identityProvider.env);
      identityNote = `local identity provider at ${identityProvider.issuer}`;
    }
    if (!env.RESEND_API_KEY) env.DEV_MAILBOX ??= "true";
    if (mode === "demo") await buildIfStale(env);
    if (stopping) return 0;
    server = startNextServer(mode === "demo" ? "start" : "dev", port, env);
    await Promise.race([waitForHealth(appUrl, server), server.exited]);
    if (!stopping && isServing(server)) console.log(banner(appUrl, databaseNote, env.DEV_MAILBOX === "true", identityNote));
    const code = await server.exited;
    return stopping ? 0 : code;
  } finally {
    await shutdownDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`run: ${describeError(error)}`);
    process.exit(1);
  },
);
