// The benchmark's load process: reads a plan (JSON file named by the first argument), drives the
// load with scripts/lib/load.ts, and prints the result as JSON. Started by scripts/bench.ts.
import { readFile } from "node:fs/promises";
import { runLoad, type LoadRequest } from "./lib/load.ts";

interface Plan {
  baseUrl: string;
  connections: number;
  durationMs: number;
  warmupMs: number;
  serverPid: number;
  database: string;
  requests: (Omit<LoadRequest, "body"> & { body?: string })[];
}

const plan = JSON.parse(await readFile(process.argv[2]!, "utf8")) as Plan;
const requests: LoadRequest[] = plan.requests.map((request) => ({ ...request, body: request.body === undefined ? undefined : Buffer.from(request.body, "base64") }));
const result = await runLoad({ ...plan, next: (i) => requests[i % requests.length]! });
process.stdout.write(JSON.stringify(result));
