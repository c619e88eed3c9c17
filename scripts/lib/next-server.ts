// Building and starting the app's server, shared by the demo/dev command, the tests and the benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { CliError } from "./cli.ts";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

/** What the production build depends on. */
const BUILD_INPUTS = ["app", "lib", "emails", "proxy.ts", "instrumentation.ts", "server.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

/** The app's server (server.ts) compiled to JavaScript by the build (package.json's "build:server"), beside Next.js' build. */
const SERVER_BUILD = ".next/app-server.mjs";

async function newestChange(entries: string[]): Promise<number> {
  let newest = 0;
  for (const entry of entries) {
    if (!existsSync(entry)) continue;
    const info = await stat(entry);
    if (info.isDirectory()) {
      const children = (await readdir(entry)).filter((name) => name !== "node_modules");
      newest = Math.max(newest, await newestChange(children.map((name) => path.join(entry, name))));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  }
  return newest;
}

/** Whether every one of `outputs` exists and is newer than every one of `inputs`. */
async function isFresh(outputs: string[], inputs: string[]): Promise<boolean> {
  if (!outputs.every((output) => existsSync(output))) return false;
  const oldest = Math.min(...(await Promise.all(outputs.map(async (output) => (await stat(output)).mtimeMs))));
  return oldest >= (await newestChange(inputs));
}

/**
 * Makes a production build when there is none, or when a source file is newer than it: Next.js'
 * build, then the app's server compiled beside it, as `npm run build` does (without generating
 * the Prisma client again, which tests running meanwhile may be reading). `app` names another
 * Next.js app than this one (the benchmark's reference app), with what its build depends on,
 * relative to its folder.
 */
export async function buildIfStale(env: NodeJS.ProcessEnv, app: { dir: string; inputs: string[] } = { dir: ".", inputs: BUILD_INPUTS }): Promise<void> {
  const own = app.dir === ".";
  const outputs = [".next/BUILD_ID", ...(own ? [SERVER_BUILD] : [])].map((output) => path.resolve(app.dir, output));
  if (await isFresh(outputs, app.inputs.map((input) => path.join(app.dir, input)))) return;
  console.log(own ? "Building the app…" : `Building ${app.dir}…`);
  // Asynchronously: an embedded database in this process must keep answering meanwhile.
  const buildEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  if ((await runToCompletion(process.execPath, [nextBin, "build"], buildEnv, app.dir)) !== 0) throw new CliError("the production build failed (see above)");
  if (own && (await runToCompletion("npm", ["run", "--silent", "build:server"], buildEnv)) !== 0) throw new CliError("the server's build failed (see above)");
}

/** Runs a command with inherited output and resolves with its exit code, without blocking this process. */
export function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = "."): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env, cwd });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export interface NextServer {
  child: ChildProcess;
  /** Resolves with the exit code once the server process has ended. */
  exited: Promise<number>;
}

/**
 * Node.js options of the production server, as in package.json's "start" script: the V8 heap is
 * capped, so one instance stays well under 512 MiB of resident memory under load (decision 006),
 * and the young generation is larger than V8's default, so each request's short-lived objects are
 * collected less often (decision 014).
 */
export const PRODUCTION_NODE_ARGS = ["--max-old-space-size=256", "--max-semi-space-size=16"];

/** The app's production server (server.ts, decision 023), as built and as package.json's "start" runs it. */
export const SERVER_ENTRY = [SERVER_BUILD];

/** The development server: server.ts itself, run through tsx, with Next.js' development server. */
export const DEV_SERVER_ENTRY = ["--import", "tsx", "server.ts", "--dev"];

/**
 * Starts the app's server (server.ts: Next.js behind the first check of every request, decision
 * 023) in production or development on `port`; `nodeArgs` go to Node.js itself (--cpu-prof, say).
 * `dir` names another Next.js app (the benchmark's reference), which is started with `next start`.
 */
export function startNextServer(mode: "start" | "dev", port: number, env: NodeJS.ProcessEnv, output: "inherit" | "ignore" = "inherit", nodeArgs: string[] = [], dir = "."): NextServer {
  // With the development mailbox on, the server listens on the loopback interface only: nobody
  // else on the network can reach the emails (and their links and tokens) it shows (SPEC §7).
  const loopbackOnly = env.DEV_MAILBOX === "true" ? ["-H", "127.0.0.1"] : [];
  const entry = dir !== "." ? [nextBin, mode] : mode === "dev" ? DEV_SERVER_ENTRY : SERVER_ENTRY;
  const child = spawn(process.execPath, [...(mode === "start" ? PRODUCTION_NODE_ARGS : []), ...nodeArgs, ...entry, "-p", String(port), ...loopbackOnly], {
    cwd: dir,
    stdio: ["ignore", output, "inherit"],
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1))));
  return { child, exited };
}

/** Whether the server's process is still running. */
export function isServing(server: NextServer): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** Stops the server if it is running (SIGTERM, then SIGKILL after 10 s) and waits until it has exited. */
export async function stopNextServer(server: NextServer): Promise<void> {
  if (!isServing(server)) return;
  server.child.kill("SIGTERM");
  const killer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
  await server.exited;
  clearTimeout(killer);
}

/** Waits until GET /api/health answers 200, or fails if the server stops first. */
export async function waitForHealth(baseUrl: string, server: NextServer, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new CliError(`the server stopped during start-up (exit code ${server.child.exitCode})`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new CliError(`the server did not become healthy within ${timeoutMs / 1000} seconds`);
}
