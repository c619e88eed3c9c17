// Prisma's schema engine, compiled to WebAssembly, driven through the pg driver adapter.
// The stock Prisma CLI downloads a native schema-engine binary; this needs no download
// (docs/decisions/001-offline-migrations.md).
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { readDatabaseUrl } from "@/lib/database-url";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

const NO_FILTERS = { externalTables: [], externalEnums: [] };

let loaded: Promise<void> | undefined;

/** Instantiates the WASM module once (its ESM entry imports a .wasm file Node cannot load). */
function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return loaded;
}

export interface Engine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** Opens a schema engine connected to `databaseUrl`, with `schemaText` as its datamodel. */
export async function openEngine(databaseUrl: string, schemaText: string): Promise<Engine> {
  await loadWasm();
  // Our own pool, so closing the engine closes its connections (and the migration advisory lock).
  const pool = new pg.Pool({ connectionString: readDatabaseUrl(databaseUrl).connectionString, max: 2 });
  try {
    const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
    const engine = await bindings.SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, () => {}, factory);
    return {
      engine,
      async close() {
        engine.free();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

export interface MigrationDir {
  name: string;
  sql: string;
}

/** Reads prisma/migrations in Prisma's own layout: one folder per migration, oldest first. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationDir[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(path.join(dir, name, "migration.sql"), "utf8") })),
  );
}

/** Applies every committed migration not yet applied, recording them in `_prisma_migrations`. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const schemaText = await readFile(SCHEMA_PATH, "utf8");
  const migrations = await readMigrations();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const { engine, close } = await openEngine(databaseUrl, schemaText);
  try {
    const result = await engine.applyMigrations({
      migrationsList: {
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8") },
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
        })),
        shadowDbInitScript: "",
      },
      filters: NO_FILTERS,
    });
    return result.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** The SQL that turns a database built from `from` (or an empty one) into `to`. */
export async function diffSchemas(databaseUrl: string, from: string | null, to: string): Promise<string> {
  // Diffing two datamodels changes nothing in the database; the engine only asks it for its version.
  const { engine, close } = await openEngine(databaseUrl, to);
  try {
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}
