// npm run bench [-- --patients N] [--duration S]
// Builds (or reuses) a benchmark database on the local PostgreSQL server — by default 1,000,000
// patients, 20,000 providers in 2,000 practices, 200,000 grants and 50,000 requests, with records —
// starts the production server on it, and drives load from a separate process at 4 and at 32
// connections with signed-in provider sessions. Prints one table and writes bench/results.md.
// --profile DIR writes V8 CPU profiles of the server to DIR (open them in Chrome's DevTools);
// --only TEXT runs only the baseline, the floors and the scenarios whose name contains TEXT, and
// writes nothing. After this app, the same load is driven at bench/reference, a bare Next.js app
// that does only the least the targets include, for comparison.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { withIndexesDeferred } from "@/scripts/lib/seed/bulk-load";
import { seedSynthetic, SYNTHETIC_TABLES } from "@/scripts/lib/seed/synthetic";
import { CliError, parseFlags, runCli } from "./lib/cli.ts";
import { freePort } from "./lib/embedded-postgres.ts";
import type { LoadRequest, LoadResult } from "./lib/load.ts";
import { buildIfStale, startNextServer, stopNextServer, waitForHealth, type NextServer } from "./lib/next-server.ts";
import { treeUsage } from "./lib/processes.ts";
import { applyMigrations } from "./lib/schema-engine.ts";
import { serverActionId, serverActionRequest } from "./lib/server-actions.ts";
import { openSession } from "../tests/support/sessions.ts";

const DATABASE = "mypatients_bench";
const CONNECTIONS = [4, 32] as const;

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

/** The benchmark database for `patients` patients, and how long it took to build: reused when it was built for that size. */
async function benchDatabase(adminUrl: string, patients: number): Promise<{ url: string; buildSeconds: number; reused: boolean }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const marker = `mypatients bench: ${patients} patients, schema ${(await readdir("prisma/migrations")).filter((name) => /^\d/.test(name)).sort().at(-1)}`;
  try {
    const { rows } = await admin.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [DATABASE]);
    // The database's comment is the marker and how long the build took: "<marker>; built in 101.2 s".
    const comment = rows[0]?.comment ?? "";
    const built = comment.startsWith(`${marker}; `) ? /; built in (\d+(?:\.\d+)?) s$/.exec(comment)?.[1] : undefined;
    if (built !== undefined) {
      console.log(`Reusing the benchmark database ${DATABASE} (${patients.toLocaleString("en-US")} patients, built in ${built} s).`);
      return { url: withDatabase(adminUrl, DATABASE), buildSeconds: Number(built), reused: true };
    }
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }

  const url = withDatabase(adminUrl, DATABASE);
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
    // Fresh statistics for the tables just filled (seedSynthetic analyzes its own).
    await step("statistics", () => prisma.$executeRawUnsafe(`ANALYZE "AccessGrant", "AccessRequest", "Session"`));
  } finally {
    await prisma.$disconnect();
  }
  const done = new pg.Client({ connectionString: adminUrl });
  await done.connect();
  const buildSeconds = Number(seconds(started));
  await done.query(`COMMENT ON DATABASE ${DATABASE} IS '${marker}; built in ${buildSeconds} s'`);
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
  cookie: string;
  /** The session's secret itself: the reference app takes it as a plain cookie. */
  secret: string;
  /** MRNs of patients of the provider's practice: their records open for this provider. */
  ownMrns: string[];
}

async function signedInProviders(prisma: PrismaClient, count: number): Promise<Session[]> {
  const providers = await prisma.provider.findMany({ where: { status: "ACTIVE", email: { startsWith: "provider-" } }, select: { id: true, practiceId: true }, take: count, orderBy: { id: "asc" } });
  const sessions: Session[] = [];
  for (const provider of providers) {
    const { header, secret } = await openSession(prisma, { portal: "mypatients", providerId: provider.id });
    sessions.push({ providerId: provider.id, cookie: header, secret, ownMrns: [] });
  }
  return sessions;
}

/** Sends one request of a scenario and checks its answer carries `expected`: the load measures real work. */
async function checkAnswer(baseUrl: string, request: LoadRequest, expected: string, scenario: string): Promise<void> {
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body ? new Uint8Array(request.body) : undefined, redirect: "manual" });
  const text = await response.text();
  if (response.status !== 200 || !text.includes(expected)) {
    throw new CliError(`${scenario}: the server answered ${response.status} without "${expected}"; the benchmark would measure the wrong thing`);
  }
}

/** Runs one measurement in its own process. */
async function measure(plan: { baseUrl: string; connections: number; durationMs: number; warmupMs: number; requests: LoadRequest[]; serverPid: number }, directory: string): Promise<LoadResult> {
  const file = path.join(directory, `plan-${Date.now()}.json`);
  await writeFile(file, JSON.stringify({ ...plan, requests: plan.requests.map((r) => ({ ...r, body: r.body?.toString("base64") })) }));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench-load.ts", file], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new CliError(`the load process failed (exit ${code})`))));
  });
}

const ms = (value: number) => value.toFixed(1);

async function main() {
  const { values, positionals } = parseFlags({ patients: { type: "string" }, duration: { type: "string" }, profile: { type: "string" }, only: { type: "string" } });
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}" (usage: npm run bench -- [--patients N] [--duration S] [--profile DIR] [--only TEXT])`);
  const patients = positiveInteger(values.patients, "--patients", 1_000_000, 2_000_000);
  const durationS = positiveInteger(values.duration, "--duration", 20, 600);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

  const { url: databaseUrl, ...build } = await benchDatabase(adminUrl, patients);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, APP_URL: baseUrl, DEV_MAILBOX: "true", DATABASE_POOL_SIZE: "20", NODE_ENV: "production", BENCH_BASELINE: "true" };
  delete env.RESEND_API_KEY;
  Object.assign(process.env, { DATABASE_URL: databaseUrl, APP_URL: baseUrl, DEV_MAILBOX: "true" });
  await buildIfStale(env);

  const prisma = createPrismaClient(databaseUrl, 4);
  const profile = values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const server = startNextServer("start", port, env, "ignore", profile);
  let peakRss = 0;
  const sampler = setInterval(() => void treeUsage(server.child.pid!).then(({ rss }) => (peakRss = Math.max(peakRss, rss))), 250);
  const work = await mkdtemp(path.join(os.tmpdir(), "mypatients-bench-"));
  try {
    await waitForHealth(baseUrl, server);
    const sessions = await signedInProviders(prisma, 64);
    const tokenSessions = [...sessions, ...(await signedInProviders(prisma, 1_500)).slice(64)];
    for (const session of sessions) {
      const own = await prisma.patient.findMany({ where: { pcp: { practiceId: (await prisma.provider.findUniqueOrThrow({ where: { id: session.providerId } })).practiceId } }, select: { mrn: true }, take: 20 });
      session.ownMrns = own.map((patient) => patient.mrn);
    }
    const sample = await prisma.$queryRawUnsafe<{ mrn: string; lastName: string; dateOfBirth: Date }[]>(
      `SELECT mrn, "lastName", "dateOfBirth" FROM "Patient" TABLESAMPLE SYSTEM (1) LIMIT 500`,
    );
    const [searchId, tokenId] = await Promise.all([serverActionId("app/mypatients/patient-actions.ts", "searchAction"), serverActionId("app/mypatients/validate-token/actions.ts", "validateTokenAction")]);
    const origin = baseUrl;

    const scenarios: Scenario[] = [
      { name: "Baseline (constant route handler)", expect: '{"ok":true}', requests: async () => [{ method: "GET", path: "/api/baseline", headers: {} }] },
      // Two floors of the framework for the entry points below, measured like them: a page that
      // reads nothing, and the search action refused by its form check (session check, no search).
      { name: "Floor: sign-in page (no data)", expect: "Sign in to MyPatients", requests: async () => [{ method: "GET", path: "/mypatients/login", headers: {} }] },
      {
        name: "Floor: search refused by the form check",
        expect: "Enter the MRN as digits only.",
        requests: () => Promise.all(sessions.map((session) => serverActionRequest("/mypatients", searchId, { lastName: "", firstName: "", dateOfBirth: "", mrn: "12a" }, { cookie: session.cookie, origin }))),
      },
      {
        name: "Search by MRN",
        expect: sample[0]!.mrn,
        requests: () => Promise.all(sample.map((p, i) => serverActionRequest("/mypatients", searchId, { lastName: "", firstName: "", dateOfBirth: "", mrn: p.mrn }, { cookie: pick(sessions, i).cookie, origin }))),
      },
      {
        name: "Search by last name + date of birth",
        expect: sample[0]!.mrn,
        requests: () =>
          Promise.all(sample.map((p, i) => serverActionRequest("/mypatients", searchId, { lastName: p.lastName, firstName: "", dateOfBirth: p.dateOfBirth.toISOString().slice(0, 10), mrn: "" }, { cookie: pick(sessions, i).cookie, origin }))),
      },
      {
        name: "Record page",
        expect: "Immunizations",
        requests: async () => sessions.flatMap((session) => session.ownMrns.map((mrn) => ({ method: "GET" as const, path: `/mypatients/patients/${mrn}`, headers: { cookie: session.cookie } }))),
      },
      {
        name: "Validate a Token (failure)",
        expect: "This token is not valid for this MRN",
        // Each provider's failures would lock validation after five: start every run unlocked.
        before: () => prisma.failedAttempt.deleteMany({ where: { kind: "TOKEN_VALIDATION" } }),
        requests: () => Promise.all(tokenSessions.map((session, i) => serverActionRequest("/mypatients/validate-token", tokenId, { token: `ZZZZ-ZZZZ-ZZZZ-${String(1000 + (i % 9000)).replace(/[ILOU]/g, "Z")}`, mrn: pick(sample, i).mrn }, { cookie: session.cookie, origin }))),
      },
    ];

    const results: Measured[] = [];
    const only = values.only?.toLowerCase();
    const chosen = (name: string) => !only || /^(Baseline|Floor)/.test(name) || name.toLowerCase().includes(only);
    const run = async (target: { baseUrl: string; server: NextServer }, list: Scenario[]) => {
      for (const connections of CONNECTIONS) {
        for (const scenario of list.filter((s) => chosen(s.name))) {
          await scenario.before?.();
          const requests = await scenario.requests();
          await checkAnswer(target.baseUrl, requests[0]!, scenario.expect, scenario.name);
          const plan = { baseUrl: target.baseUrl, connections, durationMs: durationS * 1000, warmupMs: Math.min(5_000, durationS * 250), requests, serverPid: target.server.child.pid! };
          const result = await measure(plan, work);
          results.push({ name: scenario.name, connections, result });
          console.log(`${scenario.name} at ${connections} connections: p95 ${ms(result.p95)} ms, ${result.rps.toFixed(0)} requests/s, ${ms(result.serverCpuMs)} ms server CPU per request, ${result.errors} errors`);
        }
      }
    };
    await run({ baseUrl, server }, scenarios);

    // The reference app (bench/reference) is measured alone, after this app's server has stopped.
    if (REFERENCE_SCENARIOS.some(chosen)) {
      clearInterval(sampler);
      await stopNextServer(server);
      await buildIfStale(env, REFERENCE_APP);
      const referencePort = await freePort();
      const referenceUrl = `http://localhost:${referencePort}`;
      const referenceServer = startNextServer("start", referencePort, env, "ignore", [], REFERENCE_APP.dir);
      try {
        await waitForHealth(referenceUrl, referenceServer);
        await run({ baseUrl: referenceUrl, server: referenceServer }, await referenceScenarios(referenceUrl, sessions, sample));
      } finally {
        await stopNextServer(referenceServer);
      }
    }
    if (only) console.log(`Peak RSS of the app server: ${(peakRss / 1024 / 1024).toFixed(0)} MiB (a partial run: bench/results.md is unchanged).`);
    else await report(results, { patients, durationS, peakRss, build, counts: await counts(prisma) });
  } finally {
    clearInterval(sampler);
    await stopNextServer(server);
    await prisma.$disconnect();
  }
}

/** Entry `i` of a list, round and round. */
const pick = <T,>(list: T[], i: number) => list[i % list.length]!;

interface Scenario {
  name: string;
  /** Text the first answer must carry, so a refusal cannot pass for speed. */
  expect: string;
  requests: () => Promise<LoadRequest[]>;
  before?: () => Promise<unknown>;
}

/** The reference app: a bare Next.js app doing the least the targets include (bench/reference/README.md). */
const REFERENCE_APP = { dir: "bench/reference", inputs: ["app", "proxy.ts", "instrumentation.ts", "next.config.ts", "../../package-lock.json"] };
const REFERENCE_SCENARIOS = [
  "Reference: minimal search, no proxy",
  "Reference: minimal search, do-nothing proxy",
  "Reference: minimal record page, no proxy",
  "Reference: minimal record page, do-nothing proxy",
] as const;

/** The reference app's scenarios, with the same sessions, patients and records as this app's. */
async function referenceScenarios(origin: string, sessions: Session[], sample: { mrn: string }[]): Promise<Scenario[]> {
  // Named from the repository's root, where the build's workspace is.
  const searchId = await serverActionId(`${REFERENCE_APP.dir}/app/actions.ts`, "search", path.join(REFERENCE_APP.dir, ".next/server/server-reference-manifest.json"));
  const cookie = (session: Session) => `sid=${session.secret}`;
  const search = (page: string) => () =>
    Promise.all(sample.map((patient, i) => serverActionRequest(page, searchId, { mrn: patient.mrn }, { cookie: cookie(pick(sessions, i)), origin })));
  const record = (prefix: string) => async () =>
    sessions.flatMap((session) => session.ownMrns.map((mrn) => ({ method: "GET" as const, path: `${prefix}/${mrn}`, headers: { cookie: cookie(session) } })));
  const [searchDirect, searchProxied, recordDirect, recordProxied] = REFERENCE_SCENARIOS;
  return [
    { name: searchDirect, expect: sample[0]!.mrn, requests: search("/direct") },
    { name: searchProxied, expect: sample[0]!.mrn, requests: search("/proxied") },
    { name: recordDirect, expect: "Immunization", requests: record("/direct/record") },
    { name: recordProxied, expect: "Immunization", requests: record("/proxied/record") },
  ];
}

async function counts(prisma: PrismaClient) {
  const [patients, providers, practices, grants, requests] = await Promise.all([prisma.patient.count(), prisma.provider.count(), prisma.practice.count(), prisma.accessGrant.count(), prisma.accessRequest.count()]);
  return { patients, providers, practices, grants, requests };
}

interface Measured {
  name: string;
  connections: number;
  result: LoadResult;
}

async function report(
  results: Measured[],
  info: { patients: number; durationS: number; peakRss: number; build: { buildSeconds: number; reused: boolean }; counts: Record<string, number> },
): Promise<void> {
  const baseline = new Map(results.filter((r) => r.name.startsWith("Baseline")).map((r) => [r.connections, r.result.rps]));
  const rows = results.map(({ name, connections, result }) =>
    `| ${name} | ${connections} | ${ms(result.p50)} | ${ms(result.p95)} | ${ms(result.p99)} | ${result.rps.toFixed(0)} | ${((100 * result.rps) / baseline.get(connections)!).toFixed(0)} % | ${ms(result.serverCpuMs)} | ${result.errors} |`,
  );
  const find = (name: string, connections: number) => results.find((r) => r.name === name && r.connections === connections)!.result;
  const targets = [
    ["Search by MRN, p95 at 4 connections ≤ 20 ms", find("Search by MRN", 4).p95 <= 20, `${ms(find("Search by MRN", 4).p95)} ms`],
    ["Search by name + DOB, p95 at 4 connections ≤ 20 ms", find("Search by last name + date of birth", 4).p95 <= 20, `${ms(find("Search by last name + date of birth", 4).p95)} ms`],
    ["Record page, p95 at 4 connections ≤ 50 ms", find("Record page", 4).p95 <= 50, `${ms(find("Record page", 4).p95)} ms`],
    ...(["Search by MRN", "Search by last name + date of birth"] as const).map((name) => {
      const ratio = find(name, 32).rps / baseline.get(32)!;
      return [`${name}, throughput at 32 connections ≥ 40 % of baseline`, ratio >= 0.4, `${(100 * ratio).toFixed(0)} %`] as const;
    }),
    ["Peak RSS of the app server < 512 MiB", info.peakRss < 512 * 1024 * 1024, `${(info.peakRss / 1024 / 1024).toFixed(0)} MiB`],
    ...(info.patients === 1_000_000
      ? [["The 1,000,000-patient database built in under 3 minutes", info.build.buildSeconds < 180, `${info.build.buildSeconds.toFixed(0)} s${info.build.reused ? " (reused: its build's time, from the database's comment)" : ""}`] as const]
      : []),
  ] as const;
  const c = info.counts;
  const markdown = [
    "# Benchmark results",
    "",
    `Run ${new Date().toISOString()} with \`npm run bench${info.patients === 1_000_000 ? "" : ` -- --patients ${info.patients}`}\` on ${os.cpus().length} cores and ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB of memory (${os.cpus()[0]?.model ?? "unknown CPU"}).`,
    `Database: ${c.patients!.toLocaleString("en-US")} patients, ${c.providers!.toLocaleString("en-US")} providers in ${c.practices!.toLocaleString("en-US")} practices, ${c.grants!.toLocaleString("en-US")} grants, ${c.requests!.toLocaleString("en-US")} requests, on local PostgreSQL.`,
    `Each row: ${info.durationS} s of closed-loop load from a separate process after a warm-up, through the same HTTP entry points the UI uses (server actions for search and token validation, the page for the record), with signed-in provider sessions: session check, access rule and audit write included. Server CPU is the app server's CPU time per measured request: on a shared machine it varies far less than throughput.`,
    "Rows named Reference are `bench/reference` (its README), a bare Next.js app whose entry points do only the least the targets include (session row, access-checked read, audit insert, through pg), measured alone after this app's server stopped, against this app's baseline.",
    "",
    "| Route | Connections | p50 ms | p95 ms | p99 ms | Requests/s | Of baseline | Server CPU ms/request | Errors |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `Peak RSS of the app server during the run: ${(info.peakRss / 1024 / 1024).toFixed(0)} MiB.`,
    "",
    "| Target | Met | Measured |",
    "|---|---|---|",
    ...targets.map(([target, met, measured]) => `| ${target} | ${met ? "yes" : "**no**"} | ${measured} |`),
    "",
  ].join("\n");
  await mkdir("bench", { recursive: true });
  await writeFile("bench/results.md", markdown);
  console.log(`\n${markdown}`);
  // The README shows the latest full-size table, between its two markers.
  if (info.patients === 1_000_000) {
    const readme = await readFile("README.md", "utf8");
    const [start, end] = [readme.indexOf(README_START), readme.indexOf(README_END)];
    if (start !== -1 && end > start) {
      const table = markdown.split("\n").slice(2).join("\n").trim();
      await writeFile("README.md", `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`);
    }
  }
  console.log(`Written to bench/results.md${info.patients === 1_000_000 ? " and README.md" : ""}.`);
}

const README_START = "<!-- bench:start -->";
const README_END = "<!-- bench:end -->";

runCli("bench", main);
