import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CHECK_EVERY, runLoad, type LoadTarget } from "./load.ts";

/** A local server answering `text` to every request, noting in `served` when each was answered. */
async function server(name: string, text: string, served: string[], delayMs = 0): Promise<{ target: LoadTarget; close: () => Promise<void> }> {
  const listening = http.createServer((_request, response) => {
    const answer = () => {
      served.push(name);
      response.end(text);
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const { port } = listening.address() as AddressInfo;
  const target: LoadTarget = { baseUrl: `http://127.0.0.1:${port}`, next: () => ({ method: "GET", path: "/", headers: {}, expect: "right" }) };
  return { target, close: () => new Promise((resolve) => listening.close(() => resolve())) };
}

/** The targets in the order they were served, each run of the same one counted once. */
const turns = (served: string[]) => served.filter((name, i) => name !== served[i - 1]);

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("the benchmark's load generator", () => {
  it("warms each server, then measures them in alternating slices, each result counting only its own server's answers", async () => {
    const served: string[] = [];
    const a = await server("A", "right answer", served);
    const b = await server("B", "right answer", served);
    servers.push(a, b);
    const [first, second] = await runLoad({ targets: [a.target, b.target], connections: 2, warmupMs: 100, sliceMs: 150, slices: 3 });
    // Warm-ups A, B; then slices A B, B A, A B: the first server of each turn moves along.
    expect(turns(served)).toEqual(["A", "B", "A", "B", "A", "B"]);
    const measured = { A: served.filter((name) => name === "A").length, B: served.filter((name) => name === "B").length };
    expect(first!.requests).toBeGreaterThan(0);
    expect(second!.requests).toBeGreaterThan(0);
    // Every answer after the warm-up, and no other, is measured.
    expect(first!.requests).toBeLessThan(measured.A);
    expect(second!.requests).toBeLessThan(measured.B);
    expect(first!.seconds).toBeGreaterThanOrEqual(0.45);
    expect(first!.seconds).toBeLessThan(2);
    expect(first!.errors + second!.errors).toBe(0);
    expect(first!.checked).toBeGreaterThanOrEqual(Math.floor(first!.requests / CHECK_EVERY));
    expect(first!.wrong).toEqual([]);
  });

  it("counts only the answers that arrive in a slice's measured window, after its settling time, over that window's length", async () => {
    const served: string[] = [];
    // Each answer takes 50 ms: 4 connections get about 80 answers a second.
    const slow = await server("S", "right answer", served, 50);
    servers.push(slow);
    const [result] = await runLoad({ targets: [slow.target], connections: 4, warmupMs: 0, settleMs: 300, sliceMs: 500, slices: 1 });
    // About 40 answers in the 500 ms window; about 24 more while it settled, and 4 in flight at its end.
    expect(result!.requests).toBeGreaterThanOrEqual(28);
    expect(result!.requests).toBeLessThanOrEqual(44);
    expect(served.length - result!.requests).toBeGreaterThanOrEqual(16);
    expect(result!.seconds).toBeGreaterThanOrEqual(0.5);
    expect(result!.seconds).toBeLessThan(0.7);
    expect(result!.rps).toBeGreaterThan(50);
    expect(result!.rps).toBeLessThanOrEqual(90);
    expect(result!.p50).toBeGreaterThanOrEqual(49);
  });

  it("reports an answer that lacks the expected text, so a wrong 200 cannot pass for speed", async () => {
    const served: string[] = [];
    const wrong = await server("W", "something else", served);
    servers.push(wrong);
    const [result] = await runLoad({ targets: [wrong.target], connections: 1, warmupMs: 0, sliceMs: 200, slices: 1 });
    expect(result!.checked).toBeGreaterThan(0);
    expect(result!.wrong.length).toBe(result!.checked);
    expect(result!.wrong[0]).toEqual({ status: 200, path: "/", expect: "right" });
  });
});
