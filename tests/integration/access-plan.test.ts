import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { viewableBy } from "@/lib/access";
import { createPrismaClient } from "@/lib/db";
import { activityFor } from "@/lib/family/activity";
import { tidy } from "@/lib/maintenance";
import { getPatientRecord } from "@/lib/patients/record";
import { mayOpenRecord } from "@/lib/patients/record-gate";
import { searchPatients } from "@/lib/patients/search";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { withIndexesDeferred } from "@/scripts/lib/seed/bulk-load";
import { seedSynthetic, SYNTHETIC_TABLES } from "@/scripts/lib/seed/synthetic";
import { openSession } from "../support/sessions.ts";
import { createTestDatabase, hasPostgresServer, type TestDatabase } from "../support/test-database.ts";

// The access check is one query that PostgreSQL answers with index scans only, even on a large
// table, and a search or a record view costs a fixed few statements (issue: performance at
// hospital scale; docs/decisions/006-performance-at-scale.md). Checked on the plans and the
// statements sent, not by timing. The statements are counted on any database. The plans are
// PostgreSQL's choice for a hospital-sized database, which loads in seconds on a PostgreSQL server
// but takes minutes and gigabytes in the embedded PGlite: they are checked where a server is
// (always in CI).
const hospitalSized = await hasPostgresServer();
/**
 * A larger database to check the same plans on instead of building one, such as the benchmark's
 * 1,000,000-patient database (`npm run bench` builds it with the demo data and the synthetic
 * hospital): PLAN_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mypatients_bench. The tests
 * then write to it as they would to their own (searches and views are audited, the background
 * work runs), and leave it in place.
 */
const existingDatabase = process.env.PLAN_DATABASE_URL;
const size = existingDatabase ? "the database at PLAN_DATABASE_URL" : "200,000 patients";
/**
 * The only whole-table reads allowed: of tables that never hold a row per patient, by the
 * statements named here.
 */
const SMALL_TABLE_READS: Record<string, RegExp[]> = {
  // One row per practice: a few hundred here, 2,000 in the benchmark's database.
  Practice: [
    // The access rule's PCP branch, in a Prisma read (viewableBy), joins the practice of the
    // patient's PCP through Prisma's relation filter, which the planner may hash whole when that is
    // cheaper than looking it up by key: on 200,000 patients and a few hundred practices it does so
    // for a single patient. (The SQL form, viewableBySql, does not read Practice.)
    /LEFT JOIN "public"\."Practice" AS "(j\d+)" ON \("\1"\."id"\) = \("j\d+"\."practiceId"\)/,
    // The reminder to confirm a practice's members visits every enrolled practice (SPEC §2).
    /^\s*UPDATE "Practice" SET "membersReminderSentAt"/,
  ],
  // The hospital's staff who use the staff console: a handful of rows, which the session check
  // joins by key (a staff session's owner) and the planner reads whole while that is cheaper.
  Staff: [/LEFT JOIN "Staff" st ON st\.id = s\."staffId"/],
};

/** The whole-table reads in `scans`, the plan of `query`, other than those allowed above. */
const wholeTableReads = (scans: string[], query: string) =>
  scans.filter((scan) => scan.startsWith("Seq Scan on ") && !(SMALL_TABLE_READS[scan.slice("Seq Scan on ".length)] ?? []).some((statement) => statement.test(query)));

describe("the access check's queries", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const queries: { query: string; params: string }[] = [];

  beforeAll(async () => {
    if (existingDatabase) {
      database = { url: existingDatabase, kind: "server", drop: async () => {} };
    } else {
      database = await createTestDatabase({ migrate: true });
      await seedHospital(database.url);
    }
    prisma = createPrismaClient(database.url, 2, { onQuery: (event) => queries.push(event) });
    // The record gate checks the session with the app's settings, which name a database.
    process.env.DATABASE_URL = database.url;
  }, 240_000);

  /** The demo data and, on a server, a hospital-sized database with a year of activity. */
  async function seedHospital(url: string): Promise<void> {
    const seeding = createPrismaClient(url, 2);
    await seedDemo(seeding);
    if (hospitalSized) {
      await withIndexesDeferred(seeding, SYNTHETIC_TABLES, () => seedSynthetic(seeding, 200_000));
      // Grants between random providers and patients, as a hospital accumulates them.
      await seeding.$executeRawUnsafe(`
        WITH pr AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Provider"),
             pa AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Patient")
        INSERT INTO "AccessGrant" (id, "providerId", "patientId", source, "startsAt", "endsAt", "createdAt")
        SELECT gen_random_uuid(), pr.id, pa.id, 'REQUEST', now() - interval '1 day', CASE WHEN g % 3 = 0 THEN NULL ELSE now() + interval '90 days' END, now()
        FROM generate_series(1::bigint, 40000::bigint) AS g
        JOIN pr ON pr.n = (g * 7919) % (SELECT count(*) FROM pr)
        JOIN pa ON pa.n = (g * 104729) % (SELECT count(*) FROM pa)`);
      // And requests, most of them decided long ago.
      await seeding.$executeRawUnsafe(`
        WITH pr AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Provider"),
             pa AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Patient")
        INSERT INTO "AccessRequest" (id, "providerId", "patientId", status, reason, "pendingKey", "expiresAt", "decidedAt", "createdAt", "updatedAt")
        SELECT gen_random_uuid(), pr.id, pa.id, CASE WHEN g % 4 = 0 THEN 'PENDING'::"AccessRequestStatus" ELSE 'DENIED'::"AccessRequestStatus" END, 'Follow-up',
               CASE WHEN g % 4 = 0 THEN pr.id || ':' || pa.id END, now() + interval '20 days', CASE WHEN g % 4 <> 0 THEN now() END, now(), now()
        FROM generate_series(1::bigint, 20000::bigint) AS g
        JOIN pr ON pr.n = (g * 6151) % (SELECT count(*) FROM pr)
        JOIN pa ON pa.n = (g * 130363) % (SELECT count(*) FROM pa)
        ON CONFLICT ("pendingKey") DO NOTHING`);
      // And the audit trail's record views, one per patient, over the past year.
      await seeding.$executeRawUnsafe(`
        INSERT INTO "AuditEvent" ("actorType", action, "patientId", outcome, details, "occurredAt")
        SELECT 'PROVIDER', 'record.view', id, 'SUCCESS', '{}', now() - (abs(hashtext(id::text)) % 365) * interval '1 day' FROM "Patient"`);
      // And a day's sign-ins: one session for each of 20,000 providers' visits, most of them ended.
      await seeding.$executeRawUnsafe(`
        WITH pr AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Provider")
        INSERT INTO "Session" (id, "tokenHash", portal, "providerId", "createdAt", "lastSeenAt", "expiresAt", "revokedAt")
        SELECT gen_random_uuid(), md5(g::text) || md5((g + 1)::text), 'MYPATIENTS', pr.id, now() - interval '1 hour', now() - interval '40 minutes', now() + interval '11 hours',
               CASE WHEN g % 5 <> 0 THEN now() - interval '30 minutes' END
        FROM generate_series(1::bigint, 20000::bigint) AS g
        JOIN pr ON pr.n = (g * 7919) % (SELECT count(*) FROM pr)`);
      await seeding.$executeRawUnsafe("ANALYZE");
    }
    await seeding.$disconnect();
  }
  afterAll(async () => {
    await prisma?.$disconnect();
    await database?.drop();
  });

  /** Each statement sent since `queries` was emptied, as its verb and first table: "SELECT Patient", "INSERT AuditEvent". */
  const statements = () => queries.map(({ query }) => describeStatement(query));
  /** "SELECT Patient", "INSERT AuditEvent", or for a statement of several parts (WITH), each part's: "SELECT Patient + INSERT AuditEvent". */
  const describeStatement = (query: string): string => {
    const parts = /^\s*WITH\b/.test(query) ? withParts(query) : [query];
    return parts.map((part) => `${part.trim().split(/\s/)[0]} ${/(?:FROM|INTO)\s+(?:"public"\.)?"(\w+)"/.exec(outermost(part))?.[1] ?? ""}`.trim()).join(" + ");
  };
  /** The statements a WITH names ("WITH a AS (…), b AS (…) …"), in order. */
  const withParts = (query: string): string[] => {
    const parts: string[] = [];
    const name = /^\s*(?:WITH|,)\s+\w+ AS \(/;
    let rest = query;
    for (let found = name.exec(rest); found; found = name.exec(rest)) {
      let depth = 1;
      let end = found[0].length;
      for (; depth > 0 && end < rest.length; end++) depth += rest[end] === "(" ? 1 : rest[end] === ")" ? -1 : 0;
      parts.push(rest.slice(found[0].length, end - 1));
      rest = rest.slice(end);
    }
    return parts;
  };
  /** `query` without what its parentheses hold (subqueries, lists), so its own FROM or INTO shows first. */
  const outermost = (query: string): string => (/\([^()]*\)/.test(query) ? outermost(query.replace(/\([^()]*\)/g, "")) : query);

  /** Dr. Chen and Sofia, her practice's patient, from the demo data. */
  async function demoPcpAndPatient() {
    const provider = await prisma.provider.findUniqueOrThrow({ where: { email: "pcp@longwood.example" } });
    const patient = await prisma.patient.findUniqueOrThrow({ where: { mrn: "1000001" } });
    return { provider, patient };
  }

  /** A search by MRN and one by last name and date of birth, for `patient`. */
  const searchesFor = (patient: { mrn: string; lastName: string; dateOfBirth: Date }) => [
    { mrn: patient.mrn, lastName: "", firstName: "", dateOfBirth: "" },
    { mrn: "", lastName: patient.lastName, firstName: "", dateOfBirth: patient.dateOfBirth.toISOString().slice(0, 10) },
  ];

  it("reads a patient through the access rule in one statement", async () => {
    const { provider, patient } = await demoPcpAndPatient();
    queries.length = 0;
    const found = await prisma.patient.findFirst({ where: { AND: [{ mrn: patient.mrn }, viewableBy(provider.id, new Date())] }, select: { id: true } });
    expect(found?.id).toBe(patient.id);
    expect(statements()).toEqual(["SELECT Patient"]);
  });

  it("searches in one statement (the rate limit, the matches with their states and the audit insert), gates a record in one and opens it in one, with no transaction", async () => {
    const { provider, patient } = await demoPcpAndPatient();
    for (const criteria of searchesFor(patient)) {
      queries.length = 0;
      const results = await searchPatients(criteria, { providerId: provider.id }, prisma);
      expect(results.find((result) => result.mrn === patient.mrn)?.state).toBe("AUTHORIZED");
      // The rate limit (SPEC §7): this search counted on the provider's window row, in the same statement.
      expect(statements()).toEqual(["INSERT RateLimitWindow + SELECT Patient + INSERT AuditEvent"]);
    }

    const session = await openSession(prisma, { portal: "mypatients", providerId: provider.id });
    queries.length = 0;
    expect(await mayOpenRecord(session.secret, patient.mrn, {}, new Date(), prisma)).toMatchObject({ providerId: provider.id });
    // The session check and the access rule together (decision 019).
    expect(statements()).toEqual(["SELECT Session"]);

    queries.length = 0;
    expect((await getPatientRecord(patient.mrn, { providerId: provider.id }, prisma))?.access.kind).toBe("PCP_PRACTICE");
    expect(statements()).toEqual(["SELECT Patient + INSERT AuditEvent"]);
  });

  it.runIf(hospitalSized)(`answers the access check, both searches and the record view with index scans, with ${size}`, async () => {
    const provider = await prisma.provider.findFirstOrThrow({ where: { email: { startsWith: "provider-" } } });
    const patient = await prisma.patient.findFirstOrThrow({ where: { mrn: { gte: "2000000" }, pcp: { practiceId: provider.practiceId } } });
    /** The SELECT statements sent since `queries` was emptied. */
    const selects = () => queries.filter(({ query }) => /^\s*(SELECT|WITH)\b/.test(query));

    queries.length = 0;
    const found = await prisma.patient.findFirst({ where: { AND: [{ mrn: patient.mrn }, viewableBy(provider.id, new Date())] }, select: { id: true } });
    expect(found?.id).toBe(patient.id);
    const scans = await planScans(selects()[0]!);
    expect(wholeTableReads(scans, selects()[0]!.query)).toEqual([]);
    expect(scans).toEqual(expect.arrayContaining(["Index Scan on Patient", "Index Scan on Provider"]));
    expect(scans.some((scan) => /Index.* on AccessGrant/.test(scan))).toBe(true);

    for (const criteria of searchesFor(patient)) {
      queries.length = 0;
      const results = await searchPatients(criteria, { providerId: provider.id }, prisma);
      expect(results.find((result) => result.mrn === patient.mrn)?.state).toBe("AUTHORIZED");
      const [search, ...others] = selects().filter(({ query }) => query.includes('FROM "Patient" pt'));
      expect(others).toEqual([]);
      const searchScans = await planScans(search!);
      expect(wholeTableReads(searchScans, search!.query), search!.query).toEqual([]);
      // Each state's subquery finds its rows by index: the requests, the links and the grants.
      for (const table of ["AccessRequest", "PatientLink", "AccessGrant"]) expect(searchScans.some((scan) => scan.endsWith(` on ${table}`)), table).toBe(true);
    }

    const session = await openSession(prisma, { portal: "mypatients", providerId: provider.id });
    queries.length = 0;
    expect(await mayOpenRecord(session.secret, patient.mrn, {}, new Date(), prisma)).toMatchObject({ providerId: provider.id });
    const [gate, ...more] = selects();
    expect(more).toEqual([]);
    const gateScans = await planScans(gate!);
    expect(wholeTableReads(gateScans, gate!.query)).toEqual([]);
    expect(gateScans).toEqual(expect.arrayContaining(["Index Scan on Session", "Index Scan on Patient"]));

    queries.length = 0;
    expect((await getPatientRecord(patient.mrn, { providerId: provider.id }, prisma))?.access.kind).toBe("PCP_PRACTICE");
    expect(selects()).toHaveLength(1);
    expect(wholeTableReads(await planScans(selects()[0]!), selects()[0]!.query)).toEqual([]);
  });

  it.runIf(hospitalSized)(`runs the background work and Record activity with index scans only, with ${size}`, async () => {
    // Every statement the background work sends (request expiry, membership reminders, the scheduled
    // emails of SPEC §6) and a page of Record activity: none reads a whole table.
    const account = await prisma.familyAccount.findUniqueOrThrow({ where: { email: "parent@family.example" } });
    queries.length = 0;
    await tidy(prisma);
    expect((await activityFor(account.id, "1000001", null, new Date(), prisma))?.entries).toBeDefined();
    const statements = queries.filter(({ query }) => /^\s*(SELECT|UPDATE|DELETE)/.test(query));
    expect(statements.length).toBeGreaterThan(3);
    const found: string[] = [];
    for (const statement of statements) {
      const scans = await planScans(statement);
      for (const scan of wholeTableReads(scans, statement.query)) found.push(`${scan}: ${statement.query}`);
    }
    expect(found).toEqual([]);
  });

  /** The scans of a logged statement's plan, as "Index Scan on Patient". */
  async function planScans({ query, params }: { query: string; params: string }): Promise<string[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, JSON.parse(params) as unknown[]);
      const plan = JSON.stringify(rows[0]["QUERY PLAN"]);
      return [...plan.matchAll(/"Node Type":"([^"]*Scan)"[^{}]*?"Relation Name":"([^"]+)"/g)].map((match) => `${match[1]} on ${match[2]}`);
    } finally {
      await client.end();
    }
  }
});
