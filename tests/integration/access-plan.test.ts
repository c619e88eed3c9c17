import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { viewableBy } from "@/lib/access";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/prisma/seed/demo";
import { seedSynthetic } from "@/prisma/seed/synthetic";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// The access check is one query that PostgreSQL answers with index scans only, even on a large
// table (issue: performance at hospital scale). Checked on the plan, not by timing.
describe("the access check's query plan", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const queries: { query: string; params: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
    const seeding = createPrismaClient(database.url, 2);
    await seedDemo(seeding);
    await seedSynthetic(seeding, 200_000);
    // Grants between random providers and patients, as a hospital accumulates them.
    await seeding.$executeRawUnsafe(`
      WITH pr AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Provider"),
           pa AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Patient")
      INSERT INTO "AccessGrant" (id, "providerId", "patientId", source, "startsAt", "endsAt", "createdAt")
      SELECT gen_random_uuid(), pr.id, pa.id, 'REQUEST', now() - interval '1 day', CASE WHEN g % 3 = 0 THEN NULL ELSE now() + interval '90 days' END, now()
      FROM generate_series(1::bigint, 40000::bigint) AS g
      JOIN pr ON pr.n = (g * 7919) % (SELECT count(*) FROM pr)
      JOIN pa ON pa.n = (g * 104729) % (SELECT count(*) FROM pa)`);
    await seeding.$executeRawUnsafe("ANALYZE");
    await seeding.$disconnect();
    prisma = createPrismaClient(database.url, 2, { logQueries: true });
    (prisma as unknown as { $on(event: "query", listener: (e: { query: string; params: string }) => void): void }).$on("query", (event) => queries.push(event));
  }, 240_000);
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  it("reads a patient through the access rule in one statement of index scans", async () => {
    const provider = await prisma.provider.findFirstOrThrow({ where: { email: { startsWith: "provider-" } } });
    const patient = await prisma.patient.findFirstOrThrow({ where: { mrn: { gte: "2000000" }, pcp: { practiceId: provider.practiceId } } });
    queries.length = 0;
    const found = await prisma.patient.findFirst({ where: { AND: [{ mrn: patient.mrn }, viewableBy(provider.id, new Date())] }, select: { id: true } });
    expect(found?.id).toBe(patient.id);
    expect(queries).toHaveLength(1);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { query, params } = queries[0]!;
      const values = JSON.parse(params) as unknown[];
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, values);
      const plan = JSON.stringify(rows[0]["QUERY PLAN"]);
      const scans = [...plan.matchAll(/"Node Type":"([^"]*Scan)"[^{}]*?"Relation Name":"([^"]+)"/g)].map((match) => `${match[1]} on ${match[2]}`);
      // Patients, providers and grants are read through their indexes. The practice table (one
      // row per practice, a few hundred here) may be read whole when the planner finds that cheaper.
      expect(scans.filter((scan) => scan.startsWith("Seq Scan") && scan !== "Seq Scan on Practice"), plan).toEqual([]);
      expect(scans).toEqual(expect.arrayContaining(["Index Scan on Patient", "Index Scan on Provider"]));
      expect(scans.some((scan) => /Index.* on AccessGrant/.test(scan)), plan).toBe(true);
    } finally {
      await client.end();
    }
  });
});
