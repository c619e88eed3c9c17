import { describe, expect, it } from "vitest";
import { quoteIdentifier, withIndexesDeferred } from "@/scripts/lib/seed/bulk-load";
import { seedSynthetic, SYNTHETIC_TABLES } from "@/scripts/lib/seed/synthetic";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hasPostgresServer } from "../support/test-database.ts";
import { useDatabase } from "../support/use-database.ts";

// The benchmark database is loaded with its secondary indexes and foreign keys set aside, then
// rebuilt (docs/decisions/006-performance-at-scale.md): the schema must come back exactly.
// Two connections build indexes at once, which the embedded PGlite cannot do.

/** Every index and constraint of the schema, as PostgreSQL prints their definitions. */
async function schemaObjects(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ definition: string }[]>`
    SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index
    WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
    UNION ALL
    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace`;
  return rows.map((row) => row.definition).sort();
}

async function indexCount(prisma: PrismaClient, table: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pg_index WHERE indrelid = ${quoteIdentifier(table)}::regclass`;
  return row!.count;
}

async function foreignKeyCount(prisma: PrismaClient, table: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pg_constraint WHERE contype = 'f' AND conrelid = ${quoteIdentifier(table)}::regclass`;
  return row!.count;
}

/** Inserts a second patient with the MRN of demo patient 1000001: only possible without the unique index. */
async function insertDuplicateMrn(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "Patient" (id, mrn, "firstName", "lastName", "firstNameKey", "lastNameKey", "dateOfBirth", sex, "pcpId", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), mrn, "firstName", "lastName", "firstNameKey", "lastNameKey", "dateOfBirth", sex, "pcpId", now(), now()
    FROM "Patient" WHERE mrn = '1000001'`;
}

describe.runIf(await hasPostgresServer())("loading with the indexes deferred", () => {
  describe("a load that succeeds", () => {
    const db = useDatabase({ demo: true });

    it("runs without the secondary indexes and foreign keys, then has every one of them again", async () => {
      const before = await schemaObjects(db.prisma);
      let duringLoad = { patientIndexes: -1, allergyForeignKeys: -1 };
      await withIndexesDeferred(db.prisma, SYNTHETIC_TABLES, async () => {
        duringLoad = { patientIndexes: await indexCount(db.prisma, "Patient"), allergyForeignKeys: await foreignKeyCount(db.prisma, "Allergy") };
        await seedSynthetic(db.prisma, 500);
      });
      // Only the primary key stays while loading.
      expect(duringLoad).toEqual({ patientIndexes: 1, allergyForeignKeys: 0 });
      expect(await schemaObjects(db.prisma)).toEqual(before);
      expect(await db.prisma.patient.count()).toBe(504);
    });

    it("rebuilds them when the load fails, and reports the load's error", async () => {
      const before = await schemaObjects(db.prisma);
      await expect(
        withIndexesDeferred(db.prisma, SYNTHETIC_TABLES, async () => {
          throw new Error("the load failed");
        }),
      ).rejects.toThrow("the load failed");
      expect(await schemaObjects(db.prisma)).toEqual(before);
    });
  });

  describe("a load that breaks a unique index", () => {
    const db = useDatabase({ demo: true });

    it("fails on rebuilding that index, and still rebuilds every other index and foreign key", async () => {
      const before = await schemaObjects(db.prisma);
      let inserted = 0;
      await expect(
        withIndexesDeferred(db.prisma, ["Patient"], async () => {
          await insertDuplicateMrn(db.prisma);
          inserted = await db.prisma.patient.count({ where: { mrn: "1000001" } });
        }),
      ).rejects.toThrow(/Patient_mrn_key/);
      expect(inserted).toBe(2); // the load itself went through
      const missing = before.filter((definition) => !definition.includes("Patient_mrn_key"));
      expect(await schemaObjects(db.prisma)).toEqual(missing);
    });
  });

  describe("a load that breaks a unique index and then fails", () => {
    const db = useDatabase({ demo: true });

    it("reports the load's own error, not the rebuild's", async () => {
      await expect(
        withIndexesDeferred(db.prisma, ["Patient"], async () => {
          await insertDuplicateMrn(db.prisma);
          throw new Error("the load failed halfway");
        }),
      ).rejects.toThrow("the load failed halfway");
      expect(await indexCount(db.prisma, "Patient")).toBe(3); // the primary key, the name index and the PCP index
    });
  });
});
