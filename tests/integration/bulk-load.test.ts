import { describe, expect, it } from "vitest";
import { withIndexesDeferred } from "@/prisma/seed/bulk-load";
import { seedSynthetic, SYNTHETIC_TABLES } from "@/prisma/seed/synthetic";
import { useDatabase } from "../support/use-database.ts";

// The benchmark database is loaded with its secondary indexes and foreign keys set aside, then
// rebuilt (docs/decisions/006-performance-at-scale.md): the schema must come back exactly.
describe("loading with the indexes deferred", () => {
  const db = useDatabase({ demo: true });

  /** Every index and constraint of the schema, as PostgreSQL prints their definitions. */
  async function schemaObjects(): Promise<string[]> {
    const rows = await db.prisma.$queryRaw<{ definition: string }[]>`
      SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid::regclass::text NOT LIKE 'pg_%'
        AND indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
      UNION ALL
      SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace`;
    return rows.map((row) => row.definition).sort();
  }

  async function indexCount(table: string): Promise<number> {
    const [row] = await db.prisma.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM pg_index WHERE indrelid = ${`"${table}"`}::regclass`;
    return row!.count;
  }

  it("loads without the secondary indexes and foreign keys, then has every one of them again", async () => {
    const before = await schemaObjects();
    let duringLoad = { patientIndexes: 0, foreignKeys: -1 };
    await withIndexesDeferred(db.prisma, SYNTHETIC_TABLES, async () => {
      const [keys] = await db.prisma.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM pg_constraint WHERE contype = 'f' AND conrelid = '"Allergy"'::regclass`;
      duringLoad = { patientIndexes: await indexCount("Patient"), foreignKeys: keys!.count };
      await seedSynthetic(db.prisma, 500);
    });
    // Only the primary key stays while loading.
    expect(duringLoad).toEqual({ patientIndexes: 1, foreignKeys: 0 });
    expect(await schemaObjects()).toEqual(before);
    expect(await db.prisma.patient.count()).toBe(504);
  });

  it("rebuilds them when the load fails, and the load's error is the one reported", async () => {
    const before = await schemaObjects();
    await expect(
      withIndexesDeferred(db.prisma, SYNTHETIC_TABLES, async () => {
        throw new Error("the load failed");
      }),
    ).rejects.toThrow("the load failed");
    expect(await schemaObjects()).toEqual(before);
  });

  it("refuses rows that break a unique index, when rebuilding it", async () => {
    const patient = await db.prisma.patient.findFirstOrThrow({ where: { mrn: "1000001" } });
    await expect(
      withIndexesDeferred(db.prisma, ["Patient"], async () => {
        await db.prisma.$executeRaw`
          INSERT INTO "Patient" (id, mrn, "firstName", "lastName", "firstNameKey", "lastNameKey", "dateOfBirth", sex, "pcpId", "createdAt", "updatedAt")
          SELECT gen_random_uuid(), mrn, "firstName", "lastName", "firstNameKey", "lastNameKey", "dateOfBirth", sex, "pcpId", now(), now()
          FROM "Patient" WHERE id = ${patient.id}::uuid`;
      }),
    ).rejects.toThrow(/Patient_mrn_key|duplicate/);
  });
});
