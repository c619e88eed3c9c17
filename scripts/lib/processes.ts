// Other processes: whether one still runs (for lock files), and what one and its descendants
// use, read from Linux's /proc (for the benchmark's memory and CPU figures of the app server).
import { readdir, readFile } from "node:fs/promises";

/** Whether a process with this id is running (signal 0 checks without signalling). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resident memory (bytes) and CPU time used so far (ms) of a process and its descendants, from
 * Linux's /proc (CPU times are in clock ticks of 10 ms, Linux's USER_HZ).
 */
export async function treeUsage(rootPid: number): Promise<{ rss: number; cpuMs: number }> {
  const children = new Map<number, number[]>();
  const usage = new Map<number, { rss: number; cpuMs: number }>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [status, stat] = await Promise.all([readFile(`/proc/${entry}/status`, "utf8"), readFile(`/proc/${entry}/stat`, "utf8")]);
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      // The fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      usage.set(Number(entry), { rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10 });
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const total = { rss: 0, cpuMs: 0 };
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total.rss += usage.get(pid)?.rss ?? 0;
    total.cpuMs += usage.get(pid)?.cpuMs ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
