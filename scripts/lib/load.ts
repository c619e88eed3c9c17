// A closed-loop HTTP load generator: `connections` loops, each sending its next request as soon as
// the previous one is answered, against one server or, in alternating slices, several. Run in its
// own process (scripts/bench-load.ts) so it does not share an event loop with what it measures.
import http from "node:http";
import { cpuBetween, machineCpuMs, postgresCpuMs, treeUsage } from "./processes.ts";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Text a right answer carries: a sample of the measured answers is checked for it. */
  expect: string;
}

/** One answer in CHECK_EVERY is read whole and checked: a wrong 200 must not pass for speed. */
export const CHECK_EVERY = 16;

export interface LoadResult {
  /** Requests measured (after the warm-up). */
  requests: number;
  /** CPU time of the server process tree per measured request, in ms (NaN without `serverPid`). */
  serverCpuMs: number;
  /** CPU time of this load process per measured request, in ms. */
  loadCpuMs: number;
  /** CPU time of PostgreSQL's processes per measured request, in ms. */
  databaseCpuMs: number;
  /** CPU time of the whole machine (all cores) per measured request, in ms. */
  machineCpuMs: number;
  errors: number;
  /** Answers read whole and checked for their `expect` text, and those that lacked it. */
  checked: number;
  wrong: { status: number; path: string; expect: string }[];
  /** Status codes seen, with their counts. */
  statuses: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Sends one request and resolves once the body is read, with its status (0 for a network error)
 * and, when `keepBody`, the body's text.
 */
function send(agent: http.Agent, origin: URL, request: LoadRequest, keepBody: boolean): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const outgoing = http.request(
      { agent, host: origin.hostname, port: origin.port, method: request.method, path: request.path, headers: request.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => {
          if (keepBody) chunks.push(chunk);
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", () => resolve({ status: 0, body: "" }));
      },
    );
    outgoing.on("error", () => resolve({ status: 0, body: "" }));
    outgoing.end(request.body);
  });
}

/** The CPU times (ms) read at the start and the end of a measured slice. */
async function cpuTimes(serverPid: number | undefined, database: string | undefined) {
  const [server, postgres, machine] = await Promise.all([
    serverPid === undefined ? NaN : treeUsage(serverPid).then((usage) => usage.cpuMs),
    database === undefined ? new Map<number, number>() : postgresCpuMs(database),
    machineCpuMs(),
  ]);
  const own = process.cpuUsage();
  return { server, postgres, machine, load: (own.user + own.system) / 1000 };
}

/** One server under load: where it is, what to send it, and whose CPU time to read. */
export interface LoadTarget {
  baseUrl: string;
  /** `next(i)` gives request number i, so a scenario can spread its requests over many patients and sessions. */
  next: (i: number) => LoadRequest;
  okStatus?: number;
  /** The server's process, whose CPU time is read when each measured slice starts and ends. */
  serverPid?: number;
  /** The PostgreSQL database the server uses, whose backends' CPU time is read likewise. */
  database?: string;
}

/** What one target's measured slices add up to. */
class Tally {
  latencies: number[] = [];
  statuses: Record<string, number> = {};
  errors = 0;
  checked = 0;
  wrong: LoadResult["wrong"] = [];
  seconds = 0;
  cpu = { server: 0, postgres: 0, load: 0, machine: 0 };
}

/** Resolves once `performance.now()` reaches `at` (a timer may fire a little early by that clock). */
async function until(at: number): Promise<void> {
  while (performance.now() < at) await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(at - performance.now())));
}

/**
 * The measured part of a slice: it opens `settleMs` after the slice starts and stays open for
 * `durationMs`, with the CPU times read as it opens and as it closes. Only answers that arrive
 * while it is open are counted, so the work in flight at either end is counted alike: at one
 * end its answers without all of its CPU time, at the other its CPU time without its answers.
 */
function measuredWindow(target: LoadTarget, settleMs: number, durationMs: number, tally: Tally) {
  const state = { open: false };
  const closed = (async () => {
    await until(performance.now() + settleMs);
    state.open = true;
    const opened = performance.now();
    const before = await cpuTimes(target.serverPid, target.database);
    await until(opened + durationMs);
    state.open = false;
    tally.seconds += (performance.now() - opened) / 1000;
    const after = await cpuTimes(target.serverPid, target.database);
    tally.cpu.server += after.server - before.server;
    tally.cpu.load += after.load - before.load;
    tally.cpu.machine += after.machine - before.machine;
    tally.cpu.postgres += cpuBetween(before.postgres, after.postgres);
  })();
  return { state, closed };
}

/**
 * Keeps `connections` loops busy on `target` for `settleMs` + `durationMs`, each sending its next
 * request as soon as the previous one is answered; returns once every answer is in. With a tally,
 * the answers that arrive in the last `durationMs` are counted in it, with the CPU time of that
 * window (measuredWindow); without, it is a warm-up. The first `settleMs` let the connections'
 * queue at the server fill up, as it stays while the load runs.
 */
async function drive(target: LoadTarget, connections: number, timing: { settleMs: number; durationMs: number }, counter: { value: number }, tally?: Tally): Promise<void> {
  const origin = new URL(target.baseUrl);
  // Connections of its own for each slice: one left idle while other targets are measured could be
  // closed by the server (its keep-alive timeout) just as the next slice sends on it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const okStatus = target.okStatus ?? 200;
  const end = performance.now() + timing.settleMs + timing.durationMs;
  const window = tally ? measuredWindow(target, timing.settleMs, timing.durationMs, tally) : undefined;
  const loop = async () => {
    while (performance.now() < end) {
      const number = counter.value++;
      const request = target.next(number);
      const check = tally !== undefined && number % CHECK_EVERY === 0;
      const sent = performance.now();
      const { status, body } = await send(agent, origin, request, check);
      if (!tally || !window?.state.open) continue;
      tally.latencies.push(performance.now() - sent);
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      if (status !== okStatus) tally.errors += 1;
      if (check) {
        tally.checked += 1;
        if (status !== okStatus || !body.includes(request.expect)) tally.wrong.push({ status, path: request.path, expect: request.expect });
      }
    }
  };
  await Promise.all([...Array.from({ length: connections }, loop), window?.closed]);
  agent.destroy();
}

function result(tally: Tally, target: LoadTarget): LoadResult {
  const count = tally.latencies.length;
  const latencies = [...tally.latencies].sort((a, b) => a - b);
  return {
    requests: count,
    errors: tally.errors,
    statuses: tally.statuses,
    checked: tally.checked,
    wrong: tally.wrong,
    seconds: tally.seconds,
    serverCpuMs: tally.cpu.server / count,
    loadCpuMs: tally.cpu.load / count,
    databaseCpuMs: target.database === undefined ? NaN : tally.cpu.postgres / count,
    machineCpuMs: tally.cpu.machine / count,
    rps: count / tally.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/**
 * Warms each target for `warmupMs`, then measures them in turn, `slices` times for `sliceMs`
 * each (the first target of each turn moving along), and returns one result per target. With
 * several targets, a machine that slows down or speeds up during the run moves them alike: their
 * slices are seconds apart, not minutes. Each slice first runs `settleMs` unmeasured (default
 * none), then measures the answers that arrive in the next `sliceMs`, and the CPU time read at its
 * two ends; a slice ends by waiting for the answers in flight, which are not counted.
 */
export async function runLoad(options: { targets: LoadTarget[]; connections: number; warmupMs: number; sliceMs: number; slices: number; settleMs?: number }): Promise<LoadResult[]> {
  const { targets, connections } = options;
  const counters = targets.map(() => ({ value: 0 }));
  const tallies = targets.map(() => new Tally());
  for (const [i, target] of targets.entries()) await drive(target, connections, { settleMs: 0, durationMs: options.warmupMs }, counters[i]!);
  const timing = { settleMs: options.settleMs ?? 0, durationMs: options.sliceMs };
  for (let slice = 0; slice < options.slices; slice++) {
    for (let turn = 0; turn < targets.length; turn++) {
      const i = (slice + turn) % targets.length;
      await drive(targets[i]!, connections, timing, counters[i]!, tallies[i]);
    }
  }
  return tallies.map((tally, i) => result(tally, targets[i]!));
}
