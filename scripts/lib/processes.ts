// Other processes: whether one still runs (for lock files), and what one and its descendants,
// PostgreSQL or the whole machine use, read from Linux's /proc (for the benchmark's figures).
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

interface ProcessEntry {
  pid: number;
  parent: number;
  command: string;
  rss: number;
  cpuMs: number;
}

/** Every process readable in Linux's /proc, with its parent, command, resident memory and CPU time so far. */
async function processes(): Promise<ProcessEntry[]> {
  const entries: ProcessEntry[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [status, stat] = await Promise.all([readFile(`/proc/${entry}/status`, "utf8"), readFile(`/proc/${entry}/stat`, "utf8")]);
      // The fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      entries.push({
        pid: Number(entry),
        parent: Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]),
        command: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
        rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024,
        // CPU times are in clock ticks of 10 ms (Linux's USER_HZ).
        cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return entries;
}

/** Resident memory (bytes) and CPU time used so far (ms) of a process and its descendants. */
export async function treeUsage(rootPid: number): Promise<{ rss: number; cpuMs: number }> {
  const all = await processes();
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of all) children.set(entry.parent, [...(children.get(entry.parent) ?? []), entry]);
  const total = { rss: 0, cpuMs: 0 };
  const stack = all.filter((entry) => entry.pid === rootPid);
  while (stack.length > 0) {
    const entry = stack.pop()!;
    total.rss += entry.rss;
    total.cpuMs += entry.cpuMs;
    stack.push(...(children.get(entry.pid) ?? []));
  }
  return total;
}

/**
 * CPU time used so far (ms) by each PostgreSQL process that works for `database`: its backends
 * (named "postgres: user database client" on Linux) and the server's own processes (writers,
 * checkpointer, autovacuum), but not other databases' backends. Keyed by process id, so a caller
 * can subtract per process and a backend that ends meanwhile cannot make a total shrink.
 */
export async function postgresCpuMs(database: string): Promise<Map<number, number>> {
  const usage = new Map<number, number>();
  for (const entry of await processes()) {
    if (entry.command !== "postgres") continue;
    const commandLine = await readFile(`/proc/${entry.pid}/cmdline`, "utf8").catch(() => "");
    // "postgres: [cluster: ]user database client-address(port) state"; other processes name their role.
    const backend = /^postgres: (?:\S+: )?\S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(commandLine.replaceAll("\0", " "));
    if (!backend || backend[1] === database) usage.set(entry.pid, entry.cpuMs);
  }
  return usage;
}

/** The CPU time (ms) processes used between two readings of postgresCpuMs. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpuMs] of after) total += cpuMs - (before.get(pid) ?? 0);
  return total;
}

/** CPU time used so far (ms) by the whole machine, all cores, from /proc/stat: everything but idle, I/O wait and time stolen by the hypervisor. */
export async function machineCpuMs(): Promise<number> {
  const line = (await readFile("/proc/stat", "utf8")).split("\n")[0]!;
  // cpu user nice system idle iowait irq softirq steal ...
  const [user, nice, system, , , irq, softirq] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq!) * 10;
}
