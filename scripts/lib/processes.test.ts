import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { treeUsage } from "./processes.ts";

const started: ChildProcess[] = [];
afterEach(() => {
  // Each test's processes are a group of their own: end them all.
  for (const parent of started.splice(0)) process.kill(-parent.pid!, "SIGKILL");
});

/** A process that starts a child which uses the CPU for `busyMs`, then prints "done"; both then wait. */
async function parentWithBusyChild(busyMs: number): Promise<ChildProcess> {
  const child = `const end = Date.now() + ${busyMs}; while (Date.now() < end); console.log("done"); setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ["-e", `require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(child)}], { stdio: "inherit" }); setInterval(() => {}, 1000);`], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  started.push(parent);
  await once(parent.stdout!, "data");
  return parent;
}

const residentBytes = async (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(await readFile(`/proc/${pid}/status`, "utf8"))?.[1]) * 1024;

describe.runIf(process.platform === "linux")("what a process tree uses (the benchmark's figures)", () => {
  it("counts the CPU time and resident memory of a process's descendants with its own", async () => {
    const parent = await parentWithBusyChild(400);
    const usage = await treeUsage(parent.pid!);
    // The child's busy loop is in the tree's CPU time; its memory is added to the parent's.
    expect(usage.cpuMs).toBeGreaterThanOrEqual(400);
    expect(usage.rss).toBeGreaterThan((await residentBytes(parent.pid!)) * 1.5);
  });

  it("reads a process that has ended as using nothing", async () => {
    const parent = await parentWithBusyChild(0);
    process.kill(-parent.pid!, "SIGKILL");
    await once(parent, "exit");
    started.length = 0;
    expect(await treeUsage(parent.pid!)).toEqual({ rss: 0, cpuMs: 0 });
  });
});
