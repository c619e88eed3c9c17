import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PRODUCTION_NODE_ARGS, SERVER_ENTRY } from "./next-server.ts";

describe("the production server's command", () => {
  it("is the same for `npm start` as for the servers the demo, the tests and the benchmark start: server.ts, with the same Node.js options", async () => {
    const { scripts } = JSON.parse(await readFile("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(`node ${[...PRODUCTION_NODE_ARGS, ...SERVER_ENTRY].join(" ")}`);
  });
});
