import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffSchemas, readMigrations, SCHEMA_PATH } from "../../scripts/lib/schema-engine.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

/** Everything Prisma's schema decides, read from PostgreSQL's catalogs, in a stable order. */
async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query(sql)).rows;
    return {
      enums: await query(`
        SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY t.typname`),
      columns: await query(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
        FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, column_name`),
      constraints: await query(`
        SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'
        ORDER BY 1, 2`),
      indexes: await query(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        ORDER BY tablename, indexname`),
    };
  } finally {
    await client.end();
  }
}

describe("committed migrations", () => {
  let fromMigrations: TestDatabase;
  let fromSchema: TestDatabase;

  beforeAll(async () => {
    [fromMigrations, fromSchema] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([fromMigrations?.drop(), fromSchema?.drop()]);
  });

  it("build exactly the schema in schema.prisma", async () => {
    await applyMigrations(fromMigrations.url);
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const sql = await diffSchemas(fromSchema.url, null, schema);
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();

    const [migrated, expected] = await Promise.all([catalog(fromMigrations.url), catalog(fromSchema.url)]);
    expect(migrated.columns.length).toBeGreaterThan(50);
    expect(migrated).toEqual(expected);
  });

  it("are recorded like `prisma migrate deploy` records them, and applying them again does nothing", async () => {
    const names = (await readMigrations()).map((migration) => migration.name);
    const client = new pg.Client({ connectionString: fromMigrations.url });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`);
    await client.end();
    expect(rows.map((row) => row.migration_name)).toEqual(names);

    expect(await applyMigrations(fromMigrations.url)).toEqual([]);
  });

  it("leave no schema change unmigrated: the snapshot of the last migration is schema.prisma", async () => {
    const [schema, snapshot] = await Promise.all([readFile(SCHEMA_PATH, "utf8"), readFile("prisma/migrations/schema.snapshot.prisma", "utf8")]);
    expect(snapshot, "prisma/schema.prisma changed without a migration: run npm run db:migration:new -- <name>").toBe(schema);
  });

  it("move every provider who had verified their email to an approved membership, and enroll every practice, losing nothing", async () => {
    const migrations = await readMigrations();
    const at = migrations.findIndex((migration) => migration.name.endsWith("_practice_memberships"));
    expect(at).toBeGreaterThan(0);
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      for (const migration of migrations.slice(0, at)) await client.query(migration.sql);
      const practice = "11111111-1111-4111-8111-111111111111";
      await client.query(`INSERT INTO "Practice" (id, name, kind, "updatedAt") VALUES ($1, 'Longwood Pediatrics', 'PRIMARY_CARE', now())`, [practice]);
      const providers = { ACTIVE: "22222222-2222-4222-8222-222222222222", DISABLED: "33333333-3333-4333-8333-333333333333", UNVERIFIED: "44444444-4444-4444-8444-444444444444" };
      for (const [status, id] of Object.entries(providers)) {
        await client.query(`INSERT INTO "Provider" (id, "fullName", email, npi, "passwordHash", status, "practiceId", "updatedAt") VALUES ($1, $2, $3, $4, 'hash', $5, $6, now())`, [
          id,
          `Dr. ${status}`,
          `${status.toLowerCase()}@clinic.example`,
          `${String(Object.keys(providers).indexOf(status)).padStart(9, "1")}0`,
          status,
          practice,
        ]);
      }
      await client.query(migrations[at]!.sql);

      const { rows } = await client.query(`SELECT status, "practiceId", "membershipStatus", "membershipRole", "membershipDecidedAt" IS NOT NULL AS decided FROM "Provider" ORDER BY status::text`);
      expect(rows).toEqual([
        { status: "ACTIVE", practiceId: practice, membershipStatus: "APPROVED", membershipRole: "MEMBER", decided: true },
        { status: "DISABLED", practiceId: practice, membershipStatus: "APPROVED", membershipRole: "MEMBER", decided: true },
        { status: "UNVERIFIED", practiceId: practice, membershipStatus: "PENDING", membershipRole: "MEMBER", decided: false },
      ]);
      const enrolled = await client.query(`SELECT status, "enrolledAt" IS NOT NULL AS enrolled, "membersConfirmedAt" IS NOT NULL AS confirmed FROM "Practice"`);
      expect(enrolled.rows).toEqual([{ status: "ENROLLED", enrolled: true, confirmed: true }]);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
