// A closed-loop HTTP load generator: `connections` loops, each sending its next request as soon as
// the previous one is answered, for `durationMs`. Run in its own process (scripts/bench-load.ts)
// so it does not share an event loop with what it measures.
import http from "node:http";
import { treeUsage } from "./processes.ts";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface LoadResult {
  /** Requests measured (after the warm-up). */
  requests: number;
  /** CPU time of the server process tree per measured request, in ms (NaN without `serverPid`). */
  serverCpuMs: number;
  errors: number;
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

/** Sends one request and resolves with its status (0 for a network error) once the body is read. */
function send(agent: http.Agent, origin: URL, request: LoadRequest): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = http.request(
      { agent, host: origin.hostname, port: origin.port, method: request.method, path: request.path, headers: request.headers },
      (response) => {
        response.on("data", () => {});
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve(0));
      },
    );
    outgoing.on("error", () => resolve(0));
    outgoing.end(request.body);
  });
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
}): Promise<LoadResult> {
  const origin = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let counter = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;

  const loop = async () => {
    while (performance.now() < end) {
      const request = options.next(counter++);
      const sent = performance.now();
      const status = await send(agent, origin, request);
      const done = performance.now();
      if (sent < measureFrom) continue;
      latencies.push(done - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== (options.okStatus ?? 200)) errors += 1;
    }
  };
  const serverCpu = () => (options.serverPid === undefined ? Promise.resolve(NaN) : treeUsage(options.serverPid).then((usage) => usage.cpuMs));
  const cpuAtStart = new Promise<number>((resolve) => setTimeout(() => resolve(serverCpu()), options.warmupMs));
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - measureFrom) / 1000;
  const serverCpuMs = ((await serverCpu()) - (await cpuAtStart)) / latencies.length;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    serverCpuMs,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
