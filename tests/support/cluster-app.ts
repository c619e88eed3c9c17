// Production app instances (`server.ts`, as `npm start` runs it) for tests that drive the app over HTTP: building once
// per run (a lock keeps two test files from building at the same time), starting and stopping
// instances, session cookies as next-auth issues them, and server actions called as a form does.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PasswordPortalId, PortalId } from "@/lib/auth/portals";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { parseEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { freePort } from "../../scripts/lib/embedded-postgres.ts";
import { buildIfStale, isServing, startNextServer, stopNextServer, waitForHealth, type NextServer } from "../../scripts/lib/next-server.ts";
import { isRunning } from "../../scripts/lib/processes.ts";
import { serverActionId, serverActionRequest } from "../../scripts/lib/server-actions.ts";
import { openSession } from "./sessions.ts";

/** The key every test instance encrypts session cookies with (production requires one). */
export const CLUSTER_AUTH_SECRET = `cluster-test-secret-${randomBytes(16).toString("hex")}`;

/** Variables of this process that must not leak into an app instance. */
const NOT_INHERITED = ["DATABASE_URL", "DEV_MAILBOX", "RESEND_API_KEY", "RESEND_BASE_URL", "EMAIL_SENDER_IN_APP", "AUTH_SECRET", "APP_URL", "PORT", "DATABASE_POOL_SIZE"];

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  for (const name of NOT_INHERITED) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith("VITEST")) delete env[name];
  return env;
}

const lockDirectory = path.join(os.tmpdir(), `mypatients-build-${Buffer.from(process.cwd()).toString("hex").slice(-32)}.lock`);

/**
 * `buildIfStale`, one test file at a time: two files building into `.next` at once would break
 * each other's build. A lock left by a process that died is taken over.
 */
export async function buildOnce(): Promise<void> {
  const deadline = Date.now() + 280_000;
  for (;;) {
    try {
      await mkdir(lockDirectory);
      break;
    } catch {
      const owner = Number(await readFile(path.join(lockDirectory, "pid"), "utf8").catch(() => "0"));
      if (owner > 0 && !isRunning(owner)) await rm(lockDirectory, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another test process has held ${lockDirectory} for too long`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await writeFile(path.join(lockDirectory, "pid"), String(process.pid));
    await buildIfStale(baseEnv());
  } finally {
    await rm(lockDirectory, { recursive: true, force: true });
  }
}

export interface InstanceOptions {
  databaseUrl: string;
  /** Resend mode: the capture server's address and key. Without it, the development mailbox. */
  resend?: { url: string; apiKey: string };
  /** false: this instance runs no email sender (as with `npm run worker`). */
  senderInApp?: boolean;
  poolSize?: number;
}

export interface AppInstance {
  readonly name: string;
  readonly baseUrl: string;
  readonly server: NextServer;
  /** The environment the instance runs with. */
  readonly env: NodeJS.ProcessEnv;
  /** True while its process runs. */
  running(): boolean;
  stop(): Promise<void>;
}

/** The environment of an instance serving on `baseUrl`. */
export function instanceEnv(baseUrl: string, options: InstanceOptions): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
    APP_URL: baseUrl,
    AUTH_SECRET: CLUSTER_AUTH_SECRET,
    EMAIL_FROM: "Children's Hospital <no-reply@hospital.example>",
    EMAIL_SENDER_IN_APP: String(options.senderInApp ?? true),
    ...(options.resend ? { RESEND_API_KEY: options.resend.apiKey, RESEND_BASE_URL: options.resend.url } : { DEV_MAILBOX: "true" }),
  };
}

/** Starts the production server on a free port and waits until /api/health answers 200. */
export async function startInstance(name: string, options: InstanceOptions): Promise<AppInstance> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = instanceEnv(baseUrl, options);
  const server = startNextServer("start", port, env, "ignore");
  const running = () => isServing(server);
  const stop = () => stopNextServer(server);
  try {
    await waitForHealth(baseUrl, server, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, baseUrl, server, env, running, stop };
}

/** The Cookie header of a new session for a provider or MyChildren's account, valid on every instance. */
export async function sessionCookieHeader(prisma: PrismaClient, portal: PasswordPortalId, email: string): Promise<string> {
  const owner =
    portal === "mypatients"
      ? { portal, providerId: (await prisma.provider.findUniqueOrThrow({ where: { email }, select: { id: true } })).id }
      : { portal, accountId: (await prisma.familyAccount.findUniqueOrThrow({ where: { email }, select: { id: true } })).id };
  return (await openSession(prisma, owner, cookieConfig())).header;
}

/** Settings the instances share that decide the cookie's name and key. */
function cookieConfig() {
  return parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://unused", APP_URL: "http://127.0.0.1", AUTH_SECRET: CLUSTER_AUTH_SECRET, DEV_MAILBOX: "true" });
}

/** The portal's session cookie among `Set-Cookie` headers: its `name=value`, "" when cleared, null when not set. */
export function sessionCookieFrom(setCookies: string[], portal: PortalId): string | null {
  const { name } = sessionCookie(portal, cookieConfig());
  const header = setCookies.find((cookie) => cookie.startsWith(`${name}=`));
  if (header === undefined) return null;
  const pair = header.split(";")[0]!;
  return pair === `${name}=` ? "" : pair;
}

export const ACTIONS = {
  search: ["app/mypatients/patient-actions.ts", "searchAction"],
  requestAccess: ["app/mypatients/patient-actions.ts", "requestAccessAction"],
  validateToken: ["app/mypatients/validate-token/actions.ts", "validateTokenAction"],
  providerSignIn: ["app/mypatients/login/actions.ts", "signIn"],
  providerSignOut: ["app/mypatients/actions.ts", "signOut"],
  invite: ["app/mychildren/family-actions.ts", "inviteAction"],
} as const;

export type ActionName = keyof typeof ACTIONS;

/** The build's ids of the server actions the tests call. */
export async function actionIds(): Promise<Record<ActionName, string>> {
  const entries = await Promise.all(Object.entries(ACTIONS).map(async ([name, [file, exported]]) => [name, await serverActionId(file, exported)] as const));
  return Object.fromEntries(entries) as Record<ActionName, string>;
}

export interface ActionAnswer {
  status: number;
  body: string;
  contentType: string | null;
  /** The action's return value (the form state), when it returned one. */
  state: Record<string, unknown> | null;
  /** Where the action redirected, if it did. */
  redirect: string | null;
  setCookies: string[];
}

/** The form state in a server action's RSC answer: the row the answer's root points at. */
function actionState(body: string): Record<string, unknown> | null {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  try {
    const root = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
    const pointer = typeof root?.a === "string" ? /^\$@([0-9a-f]+)$/.exec(root.a)?.[1] : undefined;
    const row = pointer === undefined ? undefined : rows.get(pointer);
    const value = row === undefined ? null : (JSON.parse(row) as unknown);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Submits a form to server action `actionId` on `page`, as the browser does with JavaScript on.
 * `args` are the arguments before the form data (the previous state of useActionState; none for a
 * plain `<form action>`).
 */
export async function callAction(
  instance: Pick<AppInstance, "baseUrl">,
  page: string,
  actionId: string,
  fields: Record<string, string>,
  cookie: string | null,
  options: { args?: unknown[]; timeoutMs?: number; userAgent?: string } = {},
): Promise<ActionAnswer> {
  const headers: Record<string, string> = { origin: instance.baseUrl };
  if (cookie) headers.cookie = cookie;
  if (options.userAgent) headers["user-agent"] = options.userAgent;
  const request = await serverActionRequest(page, actionId, fields, headers, options.args ?? [{ ok: false }]);
  const response = await fetch(`${instance.baseUrl}${request.path}`, {
    method: "POST",
    headers: request.headers,
    body: new Uint8Array(request.body),
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  const body = await response.text();
  const redirect = response.headers.get("x-action-redirect")?.split(";")[0] ?? null;
  return { status: response.status, body, contentType: response.headers.get("content-type"), state: actionState(body), redirect, setCookies: response.headers.getSetCookie() };
}

/** GET `pathname` with an optional cookie, not following redirects. */
export async function getPage(instance: Pick<AppInstance, "baseUrl">, pathname: string, cookie: string | null, options: { timeoutMs?: number; userAgent?: string } = {}) {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (options.userAgent) headers["user-agent"] = options.userAgent;
  const response = await fetch(`${instance.baseUrl}${pathname}`, { headers, redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
  const body = await response.text();
  return { status: response.status, body, contentType: response.headers.get("content-type"), location: response.headers.get("location"), headers: response.headers };
}
