// A closed-loop HTTP load generator: `connections` loops, each sending its next request as soon as
// the previous one is answered, for `durationMs`. Run in its own process (scripts/bench-load.ts)
// so it does not share an event loop with what it measures.
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

/** The CPU times (ms) read at the start and the end of the measured window. */
async function cpuTimes(serverPid: number | undefined, database: string | undefined) {
  const [server, postgres, machine] = await Promise.all([
    serverPid === undefined ? NaN : treeUsage(serverPid).then((usage) => usage.cpuMs),
    database === undefined ? new Map<number, number>() : postgresCpuMs(database),
    machineCpuMs(),
  ]);
  const own = process.cpuUsage();
  return { server, postgres, machine, load: (own.user + own.system) / 1000 };
}

/**
 * Drives load for `durationMs` after `warmupMs`. `next(i)` gives request number i, so a scenario
 * can spread its requests over many patients and sessions. Only warm requests are measured.
 */
export async function runLoad(options: {
  baseUrl: string;
  connections: number;
  durationMs: number;
  warmupMs: number;
  next: (i: number) => LoadRequest;
  okStatus?: number;
  /** The server's process, whose CPU time is read when the measurement starts and when it ends. */
  serverPid?: number;
  /** The PostgreSQL database the server uses, whose backends' CPU time is read likewise. */
  database?: string;
}): Promise<LoadResult> {
  const origin = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let counter = 0;
  let checked = 0;
  const wrong: LoadResult["wrong"] = [];
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;

  const loop = async () => {
    while (performance.now() < end) {
      const number = counter++;
      const request = options.next(number);
      const check = number % CHECK_EVERY === 0;
      const sent = performance.now();
      const { status, body } = await send(agent, origin, request, check);
      const done = performance.now();
      if (sent < measureFrom) continue;
      latencies.push(done - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== (options.okStatus ?? 200)) errors += 1;
      if (check) {
        checked += 1;
        if (status !== (options.okStatus ?? 200) || !body.includes(request.expect)) wrong.push({ status, path: request.path, expect: request.expect });
      }
    }
  };
  const atStart = new Promise<Awaited<ReturnType<typeof cpuTimes>>>((resolve) => setTimeout(() => resolve(cpuTimes(options.serverPid, options.database)), options.warmupMs));
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - measureFrom) / 1000;
  const [before, after] = [await atStart, await cpuTimes(options.serverPid, options.database)];
  const perRequest = (key: "server" | "load" | "machine") => (after[key] - before[key]) / latencies.length;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    checked,
    wrong,
    seconds,
    serverCpuMs: perRequest("server"),
    loadCpuMs: perRequest("load"),
    databaseCpuMs: options.database === undefined ? NaN : cpuBetween(before.postgres, after.postgres) / latencies.length,
    machineCpuMs: perRequest("machine"),
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
