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
  command: string;
  cpuMs: number;
}

/** A process's command and CPU time so far, from its /proc/PID/stat line; null once it has ended. */
async function processEntry(pid: number): Promise<ProcessEntry | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (stat === null) return null;
  // The fields after the command name, which may itself hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return {
    pid,
    command: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
    // CPU times are in clock ticks of 10 ms (Linux's USER_HZ).
    cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
  };
}

/** Every process readable in Linux's /proc, with its command and CPU time so far. */
async function processes(): Promise<ProcessEntry[]> {
  const pids = (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const entries = await Promise.all(pids.map(processEntry));
  return entries.filter((entry) => entry !== null);
}

/** The children of a process: those of each of its threads (Linux's /proc/PID/task/TID/children). */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  const lists = await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "")));
  return lists.flatMap((list) => list.split(" ").filter(Boolean).map(Number));
}

/**
 * Resident memory (bytes) and CPU time used so far (ms) of a process and its descendants. Only
 * the tree's own entries in /proc are read, not every process's: the benchmark samples a
 * server's memory four times a second while it measures, and must not take the machine's time.
 */
export async function treeUsage(rootPid: number): Promise<{ rss: number; cpuMs: number }> {
  const total = { rss: 0, cpuMs: 0 };
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const [entry, status, children] = await Promise.all([processEntry(pid), readFile(`/proc/${pid}/status`, "utf8").catch(() => ""), childrenOf(pid)]);
    if (!entry) continue; // the process ended meanwhile
    total.rss += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    total.cpuMs += entry.cpuMs;
    stack.push(...children);
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
