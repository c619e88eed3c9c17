import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PRODUCTION_NODE_ARGS, SERVER_ENTRY } from "./next-server.ts";

const { scripts } = JSON.parse(await readFile("package.json", "utf8")) as { scripts: Record<string, string> };

describe("the production server's command", () => {
  it("is the same for `npm start` as for the servers the demo, the tests and the benchmark start: the built server, with the same Node.js options", () => {
    expect(scripts.start).toBe(`node ${[...PRODUCTION_NODE_ARGS, ...SERVER_ENTRY].join(" ")}`);
  });

  it("runs what `npm run build` compiles from server.ts, after Next.js' build", () => {
    expect(scripts.build).toMatch(/&& next build && npm run build:server$/);
    expect(scripts["build:server"]).toMatch(/^esbuild server\.ts --bundle /);
    expect(scripts["build:server"]).toContain(` --outfile=${SERVER_ENTRY.at(-1)}`);
  });
});
