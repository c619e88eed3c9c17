// npm run bench [-- --patients N] [--duration S] [--rounds R]
// Builds (or reuses) a benchmark database on the local PostgreSQL server — by default 1,000,000
// patients, 20,000 providers in 2,000 practices, 200,000 grants and 50,000 requests, with records —
// and measures this app against bench/reference, a bare Next.js app doing the least the same
// entry points must do, in rounds on the same database and machine. Each round starts both
// production servers side by side, drives load from a separate process at 1, 4 and 32 connections
// with signed-in provider sessions (each data route of this app in turn with the reference's rows
// it is compared with, in alternating slices of 2 seconds, 5 at 32 connections), and stops them; then,
// for the scaling rows, it starts this app afresh on each database size (1,000, 100,000 and the
// full size) at once and measures each data route on all three in alternating 2-second slices.
// The targets are ratios of this app to the reference, each the median of the rounds. Writes
// bench/results.md between its markers.
// --profile DIR writes V8 CPU profiles of the servers to DIR (open them in Chrome's DevTools);
// --only TEXT runs only the baseline, the floors and the scenarios whose name contains TEXT, for
// one round at the given size, and writes nothing.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { tidy } from "@/lib/maintenance";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { withIndexesDeferred } from "@/scripts/lib/seed/bulk-load";
import { seedSynthetic, SYNTHETIC_DATA_VERSION, SYNTHETIC_TABLES } from "@/scripts/lib/seed/synthetic";
import { CliError, parseFlags, runCli } from "./lib/cli.ts";
import { freePort } from "./lib/embedded-postgres.ts";
import { CHECK_EVERY, type LoadRequest, type LoadResult } from "./lib/load.ts";
import { buildIfStale, startNextServer, stopNextServer, waitForHealth } from "./lib/next-server.ts";
import { treeUsage } from "./lib/processes.ts";
import { applyMigrations } from "./lib/schema-engine.ts";
import { serverActionId, serverActionRequest } from "./lib/server-actions.ts";
import { median, spreadWithinRounds } from "./lib/stats.ts";
import { openSession } from "../tests/support/sessions.ts";

const CONNECTIONS = [1, 4, 32] as const;
/** The smaller databases of the scaling rows, beside the full size. */
const SCALING_SIZES = [1_000, 100_000] as const;
const FULL_SIZE = 1_000_000;

/** The benchmark database of one size: the full size keeps the historical name. */
const databaseName = (patients: number) => (patients === FULL_SIZE ? "mypatients_bench" : `mypatients_bench_${patients}`);

function positiveInteger(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > max) throw new CliError(`${name} must be a whole number from 1 to ${max} (got "${value}")`);
  return number;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/** The benchmark database for `patients` patients, and how long it took to build: reused when it was built for that size, data and schema. */
async function benchDatabase(adminUrl: string, patients: number): Promise<{ url: string; buildSeconds: number; reused: boolean }> {
  const database = databaseName(patients);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const marker = `mypatients bench: ${patients} patients, data ${SYNTHETIC_DATA_VERSION}, vacuumed, schema ${(await readdir("prisma/migrations"))
    .filter((name) => /^\d/.test(name))
    .sort()
    .at(-1)}`;
  try {
    const { rows } = await admin.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [database]);
    // The database's comment is the marker and how long the build took: "<marker>; built in 101.2 s".
    const comment = rows[0]?.comment ?? "";
    const built = comment.startsWith(`${marker}; `) ? /; built in (\d+(?:\.\d+)?) s$/.exec(comment)?.[1] : undefined;
    if (built !== undefined) {
      console.log(`Reusing the benchmark database ${database} (${patients.toLocaleString("en-US")} patients, built in ${built} s).`);
      return {
        url: withDatabase(adminUrl, database),
        buildSeconds: Number(built),
        reused: true,
      };
    }
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }

  const url = withDatabase(adminUrl, database);
  const started = performance.now();
  await applyMigrations(url);
  const prisma = createPrismaClient(url, 2);
  const step = async (name: string, work: () => Promise<unknown>) => {
    const since = performance.now();
    await work();
    console.log(`  ${name}: ${seconds(since)} s`);
  };
  try {
    await step("demo data", () => seedDemo(prisma));
    await step(`${patients.toLocaleString("en-US")} patients with records`, () => withIndexesDeferred(prisma, SYNTHETIC_TABLES, () => seedSynthetic(prisma, patients)));
    await step("grants and requests", () => addGrantsAndRequests(prisma, Math.round(patients / 5), Math.round(patients / 20)));
    // Visibility maps and fresh statistics for every table, as autovacuum keeps a hospital's
    // database: a bulk load leaves none, and a server may run with autovacuum off (these machines'
    // does). Unvacuumed, PostgreSQL's CPU per request was highest at the largest size.
    await step("vacuum and statistics", () => prisma.$executeRawUnsafe(`VACUUM (ANALYZE)`));
  } finally {
    await prisma.$disconnect();
  }
  const done = new pg.Client({ connectionString: adminUrl });
  await done.connect();
  const buildSeconds = Number(seconds(started));
  await done.query(`COMMENT ON DATABASE ${database} IS '${marker}; built in ${buildSeconds} s'`);
  await done.end();
  console.log(`Built the benchmark database in ${buildSeconds} s.`);
  return { url, buildSeconds, reused: false };
}

/** Grants and requests between pseudo-random providers and patients, in set-based SQL. */
async function addGrantsAndRequests(prisma: PrismaClient, grants: number, requests: number): Promise<void> {
  const pairs = `
    WITH pr AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Provider"),
         pa AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM "Patient"),
         counts AS (SELECT (SELECT count(*) FROM pr) AS providers, (SELECT count(*) FROM pa) AS patients)`;
  await prisma.$executeRawUnsafe(`${pairs}
    INSERT INTO "AccessGrant" (id, "providerId", "patientId", source, "startsAt", "endsAt", "revokedAt", "createdAt")
    SELECT gen_random_uuid(), pr.id, pa.id, CASE WHEN g % 4 = 0 THEN 'TOKEN'::"AccessSource" ELSE 'REQUEST'::"AccessSource" END,
           now() - (g % 300) * interval '1 day',
           CASE WHEN g % 3 = 0 THEN NULL ELSE now() + (g % 400 - 100) * interval '1 day' END,
           CASE WHEN g % 10 = 0 THEN now() - interval '1 day' END, now()
    FROM counts, generate_series(1::bigint, ${grants}::bigint) AS g
    JOIN pr ON pr.n = (g * 7919) % (SELECT providers FROM counts)
    JOIN pa ON pa.n = (g * 104729) % (SELECT patients FROM counts)`);
  await prisma.$executeRawUnsafe(`${pairs}
    INSERT INTO "AccessRequest" (id, "providerId", "patientId", status, reason, "pendingKey", "expiresAt", "decidedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), pr.id, pa.id, s.status::"AccessRequestStatus", 'Specialist follow-up',
           CASE WHEN s.status = 'PENDING' THEN pr.id || ':' || pa.id END,
           now() + interval '20 days', CASE WHEN s.status <> 'PENDING' THEN now() - interval '2 days' END,
           now() - interval '10 days', now()
    FROM counts, generate_series(1::bigint, ${requests}::bigint) AS g
    JOIN pr ON pr.n = (g * 6151) % (SELECT providers FROM counts)
    JOIN pa ON pa.n = (g * 130363) % (SELECT patients FROM counts)
    CROSS JOIN LATERAL (SELECT (ARRAY['PENDING','APPROVED','DENIED','EXPIRED'])[1 + g % 4] AS status) s
    ON CONFLICT ("pendingKey") DO NOTHING`);
}

interface Session {
  providerId: string;
  /** The Session row's id. */
  sessionId: string;
  cookie: string;
  /** The session's secret itself: the reference app takes it as a plain cookie. */
  secret: string;
  /** MRNs of patients of the provider's practice: their records open for this provider. */
  ownMrns: string[];
}

async function signedInProviders(prisma: PrismaClient, count: number): Promise<Session[]> {
  const providers = await prisma.provider.findMany({
    where: { status: "ACTIVE", email: { startsWith: "provider-" } },
    select: { id: true, practiceId: true },
    take: count,
    orderBy: { id: "asc" },
  });
  const sessions: Session[] = [];
  for (const provider of providers) {
    const { sessionId, header, secret } = await openSession(prisma, {
      portal: "mypatients",
      providerId: provider.id,
    });
    sessions.push({
      providerId: provider.id,
      sessionId,
      cookie: header,
      secret,
      ownMrns: [],
    });
  }
  return sessions;
}

/** One server a measurement drives, with the requests it sends it. */
interface MeasuredTarget {
  baseUrl: string;
  serverPid: number;
  database: string;
  requests: LoadRequest[];
}

/**
 * Runs scripts/bench-load.ts in its own process: after a warm-up of each target, `slices` slices
 * of `sliceMs` on each in turn, each after `settleMs` not measured (scripts/lib/load.ts). One result per
 * target, in their order.
 */
async function measure(plan: { targets: MeasuredTarget[]; connections: number; warmupMs: number; settleMs: number; sliceMs: number; slices: number }, directory: string): Promise<LoadResult[]> {
  const file = path.join(directory, `plan-${Date.now()}.json`);
  await writeFile(
    file,
    JSON.stringify({
      ...plan,
      targets: plan.targets.map((target) => ({ ...target, requests: target.requests.map((r) => ({ ...r, body: r.body?.toString("base64") })) })),
    }),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-load.ts", file], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult[]) : reject(new CliError(`the load process failed (exit ${code})`))));
  });
}

/** A figure in ms; JSON carries a figure that could not be measured (NaN) as null. */
const ms = (value: number | null) => (value === null || !Number.isFinite(value) ? "n/a" : value.toFixed(1));

/** Entry `i` of a list, round and round. */
const pick = <T>(list: T[], i: number) => list[i % list.length]!;

interface Scenario {
  name: string;
  requests: () => Promise<LoadRequest[]>;
  before?: () => Promise<unknown>;
  /** Run every second while the load runs (and once before it). */
  during?: () => Promise<unknown>;
  /** The connection counts it runs at (all of CONNECTIONS when absent). */
  connections?: readonly number[];
}

/** What every round of one database size needs: sessions, a sample of patients, and the actions' ids. */
interface Fixtures {
  patients: number;
  databaseUrl: string;
  prisma: PrismaClient;
  sessions: Session[];
  tokenSessions: Session[];
  sample: { mrn: string; lastName: string; dateOfBirth: Date }[];
  /** How many patients a search by last name and date of birth of the sample finds, on average. */
  nameMatches: number;
}

async function fixtures(patients: number, databaseUrl: string): Promise<Fixtures> {
  const prisma = createPrismaClient(databaseUrl, 4);
  const sessions = await signedInProviders(prisma, 64);
  const tokenSessions = [...sessions, ...(await signedInProviders(prisma, TOKEN_PROVIDERS)).slice(64)];
  for (const session of sessions) {
    const { practiceId } = await prisma.provider.findUniqueOrThrow({
      where: { id: session.providerId },
      select: { practiceId: true },
    });
    const own = await prisma.patient.findMany({
      where: { pcp: { practiceId } },
      select: { mrn: true },
      take: 20,
    });
    session.ownMrns = own.map((patient) => patient.mrn);
  }
  // Random table pages: 1 % of a table of 100,000 patients or more; of a smaller one, pages holding
  // about 1,000 patients (all of them up to 1,000), since 1 % of a 20,000-patient table's few
  // hundred pages is now and then no page at all.
  const samplePercent = Math.min(100, Math.max(1, 100_000 / patients));
  const sample = await prisma.$queryRawUnsafe<{ mrn: string; lastName: string; dateOfBirth: Date }[]>(
    `SELECT mrn, "lastName", "dateOfBirth" FROM "Patient" TABLESAMPLE SYSTEM (${samplePercent}) WHERE "lastNameKey" = lower("lastName") LIMIT 500`,
  );
  if (sample.length === 0) throw new CliError(`no patient to search for was found in the ${patients.toLocaleString("en-US")}-patient database`);
  const [{ matches }] = await prisma.$queryRawUnsafe<[{ matches: number }]>(
    `SELECT coalesce(avg((SELECT count(*) FROM "Patient" p WHERE p."lastNameKey" = lower(s."lastName") AND p."dateOfBirth" = s."dateOfBirth")), 0)::float AS matches
       FROM unnest($1::text[], $2::date[]) AS s("lastName", "dateOfBirth")`,
    sample.map((patient) => patient.lastName),
    sample.map((patient) => patient.dateOfBirth),
  );
  return { patients, databaseUrl, prisma, sessions, tokenSessions, sample, nameMatches: matches };
}

const searchFields = (patient: { mrn: string; lastName: string; dateOfBirth: Date }, by: "MRN" | "NAME") =>
  by === "MRN"
    ? { lastName: "", firstName: "", dateOfBirth: "", mrn: patient.mrn }
    : {
        lastName: patient.lastName,
        firstName: "",
        dateOfBirth: patient.dateOfBirth.toISOString().slice(0, 10),
        mrn: "",
      };

/** This app's scenarios. Each request carries the text its right answer shows. */
async function appScenarios(origin: string, f: Fixtures): Promise<Scenario[]> {
  const [searchId, tokenId] = await Promise.all([
    serverActionId("app/mypatients/patient-actions.ts", "searchAction"),
    serverActionId("app/mypatients/validate-token/actions.ts", "validateTokenAction"),
  ]);
  const search = (by: "MRN" | "NAME") => () =>
    Promise.all(
      f.sample.map(async (patient, i) => ({
        ...(await serverActionRequest("/mypatients", searchId, searchFields(patient, by), { cookie: pick(f.sessions, i).cookie, origin })),
        // The patient as a result: the MRN alone is also in the form's values the answer echoes,
        // so a refused or failed search would pass for a right one.
        expect: `"mrn":"${patient.mrn}","firstName"`,
      })),
    );
  return [
    {
      name: "Baseline (constant route handler)",
      requests: async () => [
        {
          method: "GET",
          path: "/api/baseline",
          headers: {},
          expect: '{"ok":true}',
        },
      ],
    },
    // Two floors of the framework for the entry points below, measured like them: a page that
    // reads nothing, and the search action refused by its form check (session check, no search).
    {
      name: "Floor: sign-in page (no data)",
      requests: async () => [
        {
          method: "GET",
          path: "/mypatients/login",
          headers: {},
          expect: "Sign in to MyPatients",
        },
      ],
    },
    {
      name: "Floor: search refused by the form check",
      requests: () =>
        Promise.all(
          f.sessions.map(async (session) => ({
            ...(await serverActionRequest("/mypatients", searchId, { lastName: "", firstName: "", dateOfBirth: "", mrn: "12a" }, { cookie: session.cookie, origin })),
            expect: "Enter the MRN as digits only.",
          })),
        ),
    },
    { name: DATA_ROUTES[0], during: () => clearSearchLimits(f), requests: search("MRN") },
    { name: DATA_ROUTES[1], during: () => clearSearchLimits(f), requests: search("NAME") },
    {
      name: DATA_ROUTES[2],
      requests: async () =>
        f.sessions.flatMap((session) =>
          session.ownMrns.map((mrn) => ({
            method: "GET" as const,
            path: `/mypatients/patients/${mrn}`,
            headers: { cookie: session.cookie },
            expect: "Immunizations",
          })),
        ),
    },
    // Five failures lock a provider's validation: the scenario needs enough providers to spread a
    // run's attempts (the full-size database has 20,000), or it would measure the lock instead.
    ...(f.tokenSessions.length < TOKEN_PROVIDERS ? [] : [tokenScenario(origin, f, tokenId)]),
  ];
}

/**
 * A run sends each signed-in provider far more than the 60 searches in 10 minutes SPEC §7 allows
 * (the smaller databases have as few as 20 providers): the counted searches are cleared every
 * second during the run, so it measures searching (the limit's check and count included) rather
 * than the refusal.
 */
function clearSearchLimits(f: Fixtures): Promise<unknown> {
  return f.prisma.rateLimitWindow.deleteMany({ where: { kind: "SEARCH" } });
}

/** Providers the token scenario spreads its failures over. */
const TOKEN_PROVIDERS = 1_500;

function tokenScenario(origin: string, f: Fixtures, tokenId: string): Scenario {
  return {
    name: "Validate a Token (failure)",
    // Each provider's failures would lock validation after five: start every run unlocked. A row
    // reaches only as many providers as it sends requests, so some sessions wait unused through
    // other rows, longer than the 30 minutes a session may idle in a long run: each run starts
    // with every session just seen, as a provider at work would have it.
    before: () =>
      Promise.all([
        f.prisma.failedAttempt.deleteMany({ where: { kind: "TOKEN_VALIDATION" } }),
        f.prisma.session.updateMany({ where: { id: { in: f.tokenSessions.map(({ sessionId }) => sessionId) } }, data: { lastSeenAt: new Date() } }),
      ]),
    requests: () =>
      Promise.all(
        f.tokenSessions.map(async (session, i) => ({
          ...(await serverActionRequest(
            "/mypatients/validate-token",
            tokenId,
            {
              token: `ZZZZ-ZZZZ-ZZZZ-${String(1000 + (i % 9000)).replace(/[ILOU]/g, "Z")}`,
              mrn: pick(f.sample, i).mrn,
            },
            { cookie: session.cookie, origin },
          )),
          expect: "This token is not valid for this MRN",
        })),
      ),
  };
}

/** This app's routes that read patient data: the scaling rows repeat them on smaller databases. */
const DATA_ROUTES = ["Search by MRN", "Search by last name + date of birth", "Record page"] as const;

/** The reference app: a bare Next.js app doing the least the targets include (bench/reference/README.md). */
const REFERENCE_APP = {
  dir: "bench/reference",
  inputs: ["app", "proxy.ts", "instrumentation.ts", "next.config.ts", "../../package-lock.json"],
};

/**
 * Which reference row each data route is compared with (`reference`), like with like, and the
 * reference's other row, measured beside it (`other`: the two show what a proxy costs by itself).
 * A search is a server action called by script, which skips proxy.ts (its config.matcher,
 * decision 023), so it is compared with the reference's direct rows; the record page passes
 * proxy.ts, so it is compared with the reference behind its do-nothing proxy.
 */
const COMPARISONS = [
  {
    route: DATA_ROUTES[0],
    reference: "Reference: search by MRN, no proxy",
    other: "Reference: search by MRN, do-nothing proxy",
    cpu: 1.3,
  },
  {
    route: DATA_ROUTES[1],
    reference: "Reference: search by last name + date of birth, no proxy",
    other: "Reference: search by last name + date of birth, do-nothing proxy",
    cpu: 1.3,
  },
  {
    route: DATA_ROUTES[2],
    reference: "Reference: record page, do-nothing proxy",
    other: "Reference: record page, no proxy",
    cpu: 1.5,
  },
] as const;

/** The reference app's scenarios, with the same sessions, patients and records as this app's. */
async function referenceScenarios(origin: string, f: Fixtures): Promise<Scenario[]> {
  // Named from the repository's root, where the build's workspace is.
  const searchId = await serverActionId(`${REFERENCE_APP.dir}/app/actions.ts`, "search", path.join(REFERENCE_APP.dir, ".next/server/server-reference-manifest.json"));
  const cookie = (session: Session) => `sid=${session.secret}`;
  const search = (page: string, by: "MRN" | "NAME") => () =>
    Promise.all(
      f.sample.map(async (patient, i) => ({
        ...(await serverActionRequest(page, searchId, searchFields(patient, by), { cookie: cookie(pick(f.sessions, i)), origin })),
        expect: patient.mrn,
      })),
    );
  const record = (prefix: string) => async () =>
    f.sessions.flatMap((session) =>
      session.ownMrns.map((mrn) => ({
        method: "GET" as const,
        path: `${prefix}/${mrn}`,
        headers: { cookie: cookie(session) },
        expect: "Immunization",
      })),
    );
  return [
    {
      name: "Reference: search by MRN, no proxy",
      requests: search("/direct", "MRN"),
    },
    {
      name: "Reference: search by MRN, do-nothing proxy",
      requests: search("/proxied", "MRN"),
    },
    {
      name: "Reference: search by last name + date of birth, no proxy",
      requests: search("/direct", "NAME"),
    },
    {
      name: "Reference: search by last name + date of birth, do-nothing proxy",
      requests: search("/proxied", "NAME"),
    },
    {
      name: "Reference: record page, no proxy",
      requests: record("/direct/record"),
    },
    {
      name: "Reference: record page, do-nothing proxy",
      requests: record("/proxied/record"),
    },
  ];
}

/** Sends one request of a scenario and checks its answer, before the load: a refusal cannot pass for speed. */
async function checkAnswer(baseUrl: string, request: LoadRequest, scenario: string): Promise<void> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body ? new Uint8Array(request.body) : undefined,
    redirect: "manual",
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes(request.expect)) {
    throw new CliError(`${scenario}: the server answered ${response.status} without "${request.expect}"; the benchmark would measure the wrong thing`);
  }
}

interface Measured {
  name: string;
  connections: number;
  patients: number;
  round: number;
  /** Measured in a scaling session: a server started for the data routes alone (see main). */
  scaling: boolean;
  result: LoadResult;
}

/** The scaling rows: the data routes at 4 connections, each after a warm-up as long as the measurement. */
const SCALING_CONNECTIONS = 4;

/** Up to this many connections, servers measured together alternate in 2-second slices; above, in 5-second ones (see measureOn). */
const SLICED_UP_TO = 4;

async function main() {
  const { values, positionals } = parseFlags({
    patients: { type: "string" },
    duration: { type: "string" },
    rounds: { type: "string" },
    profile: { type: "string" },
    only: { type: "string" },
  });
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}" (usage: npm run bench -- [--patients N] [--duration S] [--rounds R] [--profile DIR] [--only TEXT])`);
  const patients = positiveInteger(values.patients, "--patients", FULL_SIZE, 2_000_000);
  const durationS = positiveInteger(values.duration, "--duration", 15, 600);
  const only = values.only?.toLowerCase();
  const rounds = only ? 1 : positiveInteger(values.rounds, "--rounds", 3, 20);
  // An AUTH_SECRET of the run's own, as in production (the record gate hands the page its verdict
  // only then: decision 021), set before anything reads the configuration: the sessions the run
  // opens and the servers it starts share it.
  process.env.AUTH_SECRET = randomBytes(32).toString("base64");
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const chosen = (name: string) => !only || /^(Baseline|Floor)/.test(name) || name.toLowerCase().includes(only);
  const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const work = await mkdtemp(path.join(os.tmpdir(), "mypatients-bench-"));
  const results: Measured[] = [];
  let peakRss = 0;

  /** Starts one server on the database; `stop` ends it. */
  const launch = async (target: "app" | "reference", f: Fixtures, options: { sampleRss?: boolean } = {}) => {
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: f.databaseUrl,
      APP_URL: baseUrl,
      DEV_MAILBOX: "true",
      DATABASE_POOL_SIZE: "20",
      NODE_ENV: "production",
      BENCH_BASELINE: "true",
      // No email sender in the measured server, as where `npm run worker` sends the emails: the
      // benchmark database has thousands of requests expiring and grants ending, whose emails
      // would otherwise be rendered during the load and counted as the requests' CPU time.
      EMAIL_SENDER_IN_APP: "false",
    };
    delete env.RESEND_API_KEY;
    Object.assign(process.env, {
      DATABASE_URL: f.databaseUrl,
      APP_URL: baseUrl,
      DEV_MAILBOX: "true",
    });
    const server = target === "app" ? startNextServer("start", port, env, "ignore", profile) : startNextServer("start", port, env, "ignore", profile, REFERENCE_APP.dir);
    // The peak RSS is this app's in the full session; no other server is sampled (a sample reads
    // every process in /proc, which costs the machine CPU time, and would fall on one scaling size).
    const sampler = options.sampleRss ? setInterval(() => void treeUsage(server.child.pid!).then(({ rss }) => (peakRss = Math.max(peakRss, rss))), 250) : undefined;
    const stop = async () => {
      clearInterval(sampler);
      await stopNextServer(server);
    };
    try {
      await waitForHealth(baseUrl, server);
    } catch (error) {
      await stop();
      throw error;
    }
    const scenarios = async () => (target === "app" ? await appScenarios(baseUrl, f) : await referenceScenarios(baseUrl, f)).filter((scenario) => chosen(scenario.name));
    return { baseUrl, serverPid: server.child.pid!, database: new URL(f.databaseUrl).pathname.slice(1), scenarios, stop };
  };
  type Launched = Awaited<ReturnType<typeof launch>>;

  /**
   * Measures one scenario on one or more servers (the same scenario of each), at `count`
   * connections: its answer is checked on each first, then scripts/lib/load.ts measures them, in
   * alternating slices when there are several. Each result is recorded as a row of its database size.
   */
  const measureOn = async (servers: { launched: Launched; f: Fixtures; scenario: Scenario }[], count: number, round: number, scaling: boolean) => {
    const targets: MeasuredTarget[] = [];
    // The small tables the requests write to, vacuumed before each row, as autovacuum would within a
    // minute of their changes: left alone, they held 48,000 dead versions of the searches' counts
    // and 18,000 of sessions after a few runs.
    for (const f of new Set(servers.map((server) => server.f))) await f.prisma.$executeRawUnsafe(`VACUUM "RateLimitWindow", "Session"`);
    for (const { launched, scenario } of servers) {
      await scenario.before?.();
      await scenario.during?.();
      const requests = await scenario.requests();
      await checkAnswer(launched.baseUrl, requests[0]!, scenario.name);
      targets.push({ baseUrl: launched.baseUrl, serverPid: launched.serverPid, database: launched.database, requests });
    }
    const during = servers.flatMap(({ scenario }) => (scenario.during ? [scenario.during] : []));
    const keepingUp = during.length > 0 ? setInterval(() => void Promise.all(during.map((run) => run())).catch(() => undefined), 1000) : undefined;
    // Servers measured together take turns in slices: 2 seconds long at up to 4 connections, and 5
    // at 32, where an answer takes a good part of a second, each slice there starting with a second
    // that is not measured, while the connections' queue at the server fills up. A scaling
    // session's servers are fresh and run three routes only: a longer warm-up brings them to the
    // steady state the full session's server reaches over its many rows.
    const sliceS = count <= SLICED_UP_TO ? 2 : 5;
    const slices = servers.length > 1 ? Math.max(1, Math.round(durationS / sliceS)) : 1;
    const measured = await measure(
      {
        targets,
        connections: count,
        warmupMs: scaling ? durationS * 1000 : Math.min(3_000, durationS * 250),
        settleMs: count <= SLICED_UP_TO ? 0 : 1_000,
        sliceMs: (durationS * 1000) / slices,
        slices,
      },
      work,
    ).finally(() => clearInterval(keepingUp));
    for (const [i, result] of measured.entries()) {
      const { f, scenario } = servers[i]!;
      if (result.requests === 0) throw new CliError(`${scenario.name} at ${count} connections: no answer came back within the measured ${durationS} s; lengthen --duration`);
      if (result.wrong.length > 0) {
        const first = result.wrong[0]!;
        throw new CliError(`${scenario.name}: ${result.wrong.length} of ${result.checked} answers checked under load were wrong (first: ${first.status} for ${first.path} without "${first.expect}")`);
      }
      results.push({ name: scenario.name, connections: count, patients: f.patients, round, scaling, result });
      console.log(
        `[${f.patients.toLocaleString("en-US")} patients, round ${round}${scaling ? ", scaling" : ""}] ${scenario.name} at ${count}: p95 ${ms(result.p95)} ms, ${result.rps.toFixed(0)}/s, CPU per request: server ${ms(result.serverCpuMs)} ms, PostgreSQL ${ms(result.databaseCpuMs)} ms, machine ${ms(result.machineCpuMs)} ms; ${result.errors} errors`,
      );
    }
  };

  /**
   * The full-size rows of one round: this app and the reference started side by side on the same
   * database, every scenario of this app run at each connection count, each data route in turn
   * with the reference's rows it is compared with (so the machine's speed moves both alike), and
   * any other row of the reference alone.
   */
  const session = async (f: Fixtures, round: number) => {
    const app = await launch("app", f, { sampleRss: true });
    try {
      const reference = await launch("reference", f);
      try {
        const [own, theirs] = await Promise.all([app.scenarios(), reference.scenarios()]);
        const partnersOf = (name: string) => {
          const comparison = COMPARISONS.find(({ route }) => route === name);
          return theirs.filter((other) => other.name === comparison?.reference || other.name === comparison?.other);
        };
        const alone = theirs.filter((other) => !own.some((scenario) => partnersOf(scenario.name).includes(other)));
        for (const count of CONNECTIONS) {
          for (const scenario of own) {
            const partners = partnersOf(scenario.name).map((other) => ({ launched: reference, f, scenario: other }));
            await measureOn([{ launched: app, f, scenario }, ...partners], count, round, false);
          }
          for (const scenario of alone) await measureOn([{ launched: reference, f, scenario }], count, round, false);
        }
      } finally {
        await reference.stop();
      }
    } finally {
      await app.stop();
    }
  };

  /**
   * The scaling rows of one round: a server started afresh on every database size, the full one
   * included, so that the sizes differ in their data only (the full session's server, warmed by
   * every row before, once made the small sizes look costlier), each data route measured on all of
   * them in alternating slices. The sizes take turns, round by round, at being launched, warmed
   * and measured first: the size that always came first cost the most in every round.
   */
  const scalingSession = async (round: number) => {
    const order = all.map((_, i) => pick(all, i + round - 1));
    const launched: Launched[] = [];
    try {
      for (const f of order) launched.push(await launch("app", f));
      const scenarios = await Promise.all(launched.map((server) => server.scenarios()));
      for (const route of DATA_ROUTES) {
        const servers = order.map((f, i) => ({ launched: launched[i]!, f, scenario: scenarios[i]!.find((scenario) => scenario.name === route)! }));
        await measureOn(servers, SCALING_CONNECTIONS, round, true);
      }
    } finally {
      await Promise.all(launched.map((server) => server.stop()));
    }
  };

  const sizes = only ? [patients] : [patients, ...SCALING_SIZES.filter((size) => size < patients)];
  let build: { buildSeconds: number; reused: boolean } | undefined;
  let databaseCounts: Record<string, number> | undefined;
  // Every database is built and readied first; then each round measures them all, so a machine
  // that slows down or speeds up during the run moves every row of a round alike (the scaling rows
  // were once all measured last, on a slower machine, and looked costlier than the full size).
  const all: Fixtures[] = [];
  try {
    for (const size of sizes) {
      const { url, ...built } = await benchDatabase(adminUrl, size);
      if (size === patients) build = built;
      // The sessions are made through the app's own code, which reads its configuration.
      Object.assign(process.env, {
        DATABASE_URL: url,
        APP_URL: process.env.APP_URL ?? "http://localhost",
        DEV_MAILBOX: "true",
      });
      await buildIfStale({
        ...process.env,
        NODE_ENV: "production",
        BENCH_BASELINE: "true",
      });
      await buildIfStale({ ...process.env, NODE_ENV: "production" }, REFERENCE_APP);
      const f = await fixtures(size, url);
      all.push(f);
      // The background work that is due (expiring requests, notices to queue) is done before any
      // server starts, so neither a server's start-up pass nor its pass every 5 minutes has work to
      // do under the load. A pass handles a batch of each kind of notice: passes run until one
      // finds nothing (the generated grants and requests leave tens of thousands due at first, and
      // a full pass cost a server about a second of CPU time).
      const started = Date.now();
      let handled = 0;
      let passes = 0;
      let last: number;
      do {
        last = await tidy(f.prisma);
        handled += last;
        passes += 1;
      } while (last > 0);
      console.log(`  background work due on the ${size.toLocaleString("en-US")}-patient database: ${handled} rows in ${passes} ${passes === 1 ? "pass" : "passes"}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (size === patients) databaseCounts = await counts(f.prisma);
    }
    for (let round = 1; round <= rounds; round++) {
      // As autovacuum keeps a hospital's database, which these machines' server runs without: the
      // rows the previous round and the background work changed are vacuumed, and statistics kept.
      for (const f of all) await f.prisma.$executeRawUnsafe(`VACUUM (ANALYZE)`);
      await session(all[0]!, round);
      if (all.length > 1) await scalingSession(round);
    }
  } finally {
    await Promise.all(all.map((f) => f.prisma.$disconnect()));
  }
  if (only) console.log(`Peak RSS of the app server: ${(peakRss / 1024 / 1024).toFixed(0)} MiB (a partial run: bench/results.md is unchanged).`);
  else
    await report(results, {
      patients,
      durationS,
      rounds,
      peakRss,
      build: build!,
      counts: databaseCounts!,
      nameMatches: all.map((f) => ({ patients: f.patients, matches: f.nameMatches })).sort((a, b) => a.patients - b.patients),
    });
}

async function counts(prisma: PrismaClient) {
  const [patients, providers, practices, grants, requests] = await Promise.all([
    prisma.patient.count(),
    prisma.provider.count(),
    prisma.practice.count(),
    prisma.accessGrant.count(),
    prisma.accessRequest.count(),
  ]);
  return { patients, providers, practices, grants, requests };
}

/** The rounds of one row (of the scaling sessions with `scaling`): its results in round order. */
function roundsOf(results: Measured[], name: string, connections: number, patients: number, scaling = false): LoadResult[] {
  return results
    .filter((r) => r.name === name && r.connections === connections && r.patients === patients && r.scaling === scaling)
    .sort((a, b) => a.round - b.round)
    .map((r) => r.result);
}

/** The median over rounds of a ratio of this app's row to the reference's, each taken in the same round. */
function medianRatio(app: LoadResult[], reference: LoadResult[], value: (result: LoadResult) => number): number {
  return median(app.map((result, i) => value(result) / value(reference[i]!)));
}

async function report(
  results: Measured[],
  info: {
    patients: number;
    durationS: number;
    rounds: number;
    peakRss: number;
    build: { buildSeconds: number; reused: boolean };
    counts: Record<string, number>;
    /** Per database size, how many patients a search by last name and date of birth found on average. */
    nameMatches: { patients: number; matches: number }[];
  },
): Promise<void> {
  const rowsOf = (patients: number, scaling: boolean) => {
    const keys = [...new Map(results.filter((r) => r.patients === patients && r.scaling === scaling).map((r) => [`${r.name}@${r.connections}`, r])).values()];
    return keys.map(({ name, connections }) => {
      const runs = roundsOf(results, name, connections, patients, scaling);
      const m = (value: (result: LoadResult) => number) => median(runs.map(value));
      return `| ${scaling ? `Scaling: ${name.charAt(0).toLowerCase()}${name.slice(1)}` : name} | ${patients.toLocaleString("en-US")} | ${connections} | ${ms(m((r) => r.p50))} | ${ms(m((r) => r.p95))} | ${m((r) => r.rps).toFixed(0)} | ${ms(m((r) => r.serverCpuMs))} | ${ms(m((r) => r.databaseCpuMs))} | ${ms(m((r) => r.loadCpuMs))} | ${ms(m((r) => r.machineCpuMs))} | ${runs.reduce((sum, r) => sum + r.checked, 0)} | ${runs.reduce((sum, r) => sum + r.errors, 0)} |`;
    });
  };
  const full = info.patients;
  const target = (name: string, met: boolean, measured: string) => ({
    name,
    met,
    measured,
  });
  const x = (ratio: number) => `${ratio.toFixed(2)}x`;
  /** Which of the reference's rows a route is compared with, in a target's words. */
  const theirs = (reference: string) => (reference.endsWith("no proxy") ? "the reference's (no proxy)" : "the reference's (do-nothing proxy)");
  const targets = [
    ...COMPARISONS.map(({ route, reference, cpu }) => {
      const ratio = medianRatio(roundsOf(results, route, 4, full), roundsOf(results, reference, 4, full), (r) => r.serverCpuMs);
      return target(`${route}: server CPU per request ≤ ${cpu}x ${theirs(reference)} (4 connections)`, ratio <= cpu, x(ratio));
    }),
    ...COMPARISONS.slice(0, 2).map(({ route, reference }) => {
      const ratio = medianRatio(roundsOf(results, route, 32, full), roundsOf(results, reference, 32, full), (r) => r.rps);
      return target(`${route}: throughput at 32 connections ≥ 70 % of ${theirs(reference)}`, ratio >= 0.7, `${(100 * ratio).toFixed(0)} %`);
    }),
    ...COMPARISONS.map(({ route, reference }) => {
      const ratio = medianRatio(roundsOf(results, route, 4, full), roundsOf(results, reference, 4, full), (r) => r.p95);
      return target(`${route}: p95 at 4 connections ≤ 1.5x ${theirs(reference)}`, ratio <= 1.5, x(ratio));
    }),
    target("Peak RSS of the app server < 512 MiB", info.peakRss < 512 * 1024 * 1024, `${(info.peakRss / 1024 / 1024).toFixed(0)} MiB`),
    ...DATA_ROUTES.flatMap((route) => {
      const sizes = [...new Set(results.filter((r) => r.name === route && r.scaling).map((r) => r.patients))].sort((a, b) => a - b);
      if (sizes.length < 2) return [];
      const costs = sizes.map((size) => roundsOf(results, route, SCALING_CONNECTIONS, size, true).map((r) => r.serverCpuMs));
      const spread = spreadWithinRounds(costs);
      return [
        target(
          `${route}: server CPU per request at ${sizes.map((size) => size.toLocaleString("en-US")).join(", ")} patients within 15 % of each other (within rounds)`,
          spread <= 0.15,
          `${costs.map((rounds) => ms(median(rounds))).join(" / ")} ms; ${(100 * spread).toFixed(0)} % apart`,
        ),
      ];
    }),
  ];
  const c = info.counts;
  const section = [
    `Run ${new Date().toISOString()} with \`npm run bench${info.patients === FULL_SIZE ? "" : ` -- --patients ${info.patients}`}\` on ${os.cpus().length} cores and ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB of memory (${os.cpus()[0]?.model ?? "unknown CPU"}).`,
    `Database: ${c.patients!.toLocaleString("en-US")} patients, ${c.providers!.toLocaleString("en-US")} providers in ${c.practices!.toLocaleString("en-US")} practices, ${c.grants!.toLocaleString("en-US")} grants, ${c.requests!.toLocaleString("en-US")} requests, on local PostgreSQL; built in ${info.build.buildSeconds.toFixed(0)} s${info.build.reused ? " (reused: its build's time, from the database's comment)" : ""}.`,
    `${info.rounds} rounds; in each, this app and \`bench/reference\` (its README) were started side by side on the same database, and each row is ${info.durationS} s of closed-loop load from a separate process after a warm-up, through the same HTTP entry points the UI uses, with signed-in provider sessions; each data route of this app and the reference's rows it is compared with were measured in turn, in alternating slices (of 2 seconds at 1 and 4 connections; at 32, of 5 seconds after a second not measured while the queue fills up), so a machine that changes speed during the run moves both alike; only answers that arrive within a slice are counted, against the CPU time of the slice. The app's background work that was due ran before its servers started, and they ran without the email sender (as with \`npm run worker\`), so only the requests are measured. Every figure is the median of the rounds; each target compares the app with the reference in the same round, then takes the median. The scaling rows come from servers started afresh in each round on each database size, the full one included, that ran the data routes alone at 4 connections after a warm-up of ${info.durationS} s each, the sizes measured in turn in 2-second slices likewise, taking turns, round by round, at being launched, warmed and measured first; the scaling target takes each round's costs relative to that round's mean over the sizes, then each size's median over the rounds (a size's figures in the table are the median of its plain costs). CPU columns are per measured request: the server's process tree, PostgreSQL's processes, the load generator, and the whole machine (all cores). One answer in ${CHECK_EVERY} was read whole under load and checked; a wrong one fails the run. A search by last name and date of birth of the sampled patients found ${info.nameMatches.map(({ matches }) => matches.toFixed(1)).join(" / ")} patients on average at ${info.nameMatches.map(({ patients }) => patients.toLocaleString("en-US")).join(" / ")} patients.`,
    "",
    "| Target | Met | Measured |",
    "|---|---|---|",
    ...targets.map(({ name, met, measured }) => `| ${name} | ${met ? "yes" : "**no**"} | ${measured} |`),
    "",
    "| Route | Patients | Connections | p50 ms | p95 ms | Requests/s | Server CPU ms | PostgreSQL CPU ms | Load CPU ms | Machine CPU ms | Answers checked | Errors |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rowsOf(info.patients, false),
    ...[...SCALING_SIZES.filter((size) => size < info.patients), info.patients].flatMap((size) => rowsOf(size, true)),
    "",
    `Peak RSS of the app server during the run: ${(info.peakRss / 1024 / 1024).toFixed(0)} MiB.`,
  ].join("\n");
  console.log(`\n${section}`);
  if (info.patients !== FULL_SIZE) {
    console.log(`\nA run on ${info.patients.toLocaleString("en-US")} patients: bench/results.md keeps the full-size run.`);
    return;
  }
  // bench/results.md and the README show the latest full-size run, between their markers.
  await mkdir("bench", { recursive: true });
  await writeBetweenMarkers("bench/results.md", section, "# Benchmark results\n\n");
  await writeBetweenMarkers("README.md", section);
  console.log("Written to bench/results.md and README.md.");
}

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/**
 * Replaces what lies between the file's two markers, leaving the rest (bench/results.md's history)
 * as it is. A file without them gets them after `prefix` when one is given, and is otherwise left alone.
 */
async function writeBetweenMarkers(file: string, section: string, prefix?: string): Promise<void> {
  const text = await readFile(file, "utf8").catch(() => "");
  const [start, end] = [text.indexOf(START), text.indexOf(END)];
  if (start !== -1 && end > start) await writeFile(file, `${text.slice(0, start + START.length)}\n${section}\n${text.slice(end)}`);
  else if (prefix !== undefined) await writeFile(file, `${prefix}${START}\n${section}\n${END}\n\n${text.replace(/^# Benchmark results\n+/, "")}`);
}

runCli("bench", main);
