// The benchmark's load process: reads a plan (JSON file named by the first argument), drives the
// load with scripts/lib/load.ts, and prints one result per target as JSON. Started by scripts/bench.ts.
import { readFile } from "node:fs/promises";
import { runLoad, type LoadRequest } from "./lib/load.ts";

interface Plan {
  targets: {
    baseUrl: string;
    serverPid: number;
    database: string;
    requests: (Omit<LoadRequest, "body"> & { body?: string })[];
  }[];
  connections: number;
  warmupMs: number;
  settleMs: number;
  sliceMs: number;
  slices: number;
}

const plan = JSON.parse(await readFile(process.argv[2]!, "utf8")) as Plan;
const targets = plan.targets.map(({ requests: sent, ...target }) => {
  const requests: LoadRequest[] = sent.map((request) => ({ ...request, body: request.body === undefined ? undefined : Buffer.from(request.body, "base64") }));
  return { ...target, next: (i: number) => requests[i % requests.length]! };
});
const results = await runLoad({ ...plan, targets });
process.stdout.write(JSON.stringify(results));
