// Databases for tests: each caller gets its own, created and dropped here. On a machine with
// a PostgreSQL server (TEST_DATABASE_URL, else 127.0.0.1:5432) it is a fresh database on that
// server; where no server answers, an in-memory embedded PostgreSQL (PGlite).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.ts";
import { applyMigrations } from "../../scripts/lib/schema-engine.ts";

export interface TestDatabase {
  url: string;
  /** "server" for a real PostgreSQL server, "embedded" for PGlite. */
  kind: "server" | "embedded";
  drop(): Promise<void>;
}

const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

function serverUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function serverAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

let serverReachable: Promise<boolean> | undefined;

/**
 * Whether tests get a real PostgreSQL server. Tests of concurrency between connections and
 * processes need one (the embedded PGlite runs one query at a time), and so do tests on a
 * hospital-sized database (minutes and gigabytes to load into PGlite); they run only then. In CI a
 * server is required, so nothing is left out there.
 */
export async function hasPostgresServer(): Promise<boolean> {
  serverReachable ??= serverAnswers(serverUrl());
  const reachable = await serverReachable;
  if (!reachable && process.env.CI) throw new Error(`CI needs a PostgreSQL server at ${serverUrl()} (TEST_DATABASE_URL)`);
  if (!reachable) console.warn("No PostgreSQL server answers: tests of concurrency across connections and on a hospital-sized database are left out on this machine.");
  return reachable;
}

/** A new, empty database; `migrate: true` also applies the committed migrations. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = serverUrl();
  serverReachable ??= serverAnswers(admin);
  let database: TestDatabase;
  if (await serverReachable) {
    const name = `mp_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    database = {
      url: withDatabase(admin, name),
      kind: "server",
      async drop() {
        const dropper = new pg.Client({ connectionString: admin });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      },
    };
  } else {
    const embedded = await startEmbeddedPostgres();
    database = { url: embedded.url, kind: "embedded", drop: () => embedded.stop() };
  }
  if (options.migrate) await applyMigrations(database.url);
  return database;
}
