// Sending hostile requests to the app and judging its answers: server actions (found in the
// build's manifest and called as Next.js' client calls them, or with bodies it would never send),
// route handlers and pages. An acceptable answer is a clear message, a 4xx, the page itself or a
// redirect within the site; never a 5xx, and never anything about the server's insides.
import { readFile } from "node:fs/promises";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { allServerActions, serverActionRequest } from "@/scripts/lib/server-actions";

const SERVER_REFERENCE_MANIFEST = ".next/server/server-reference-manifest.json";
const ROUTES_MANIFEST = ".next/app-path-routes-manifest.json";

export interface ServerAction {
  id: string;
  filename: string;
  exportedName: string;
  /** The pages whose forms use it, as route patterns ("/mypatients/patients/[mrn]"). */
  pages: string[];
}

/** Every server action of the build, with the pages that use it. */
export async function serverActions(): Promise<ServerAction[]> {
  const manifest = JSON.parse(await readFile(SERVER_REFERENCE_MANIFEST, "utf8")) as { node: Record<string, { workers?: Record<string, unknown> }> };
  return (await allServerActions()).map((action) => ({
    ...action,
    pages: Object.keys(manifest.node[action.id]?.workers ?? {})
      .filter((worker) => worker.endsWith("/page"))
      .map((worker) => worker.replace(/^app/, "").replace(/\/page$/, "") || "/"),
  }));
}

/** Every route handler of the build (app/**\/route.ts), as its path pattern. */
export async function routeHandlers(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(ROUTES_MANIFEST, "utf8")) as Record<string, string>;
  return Object.entries(manifest)
    .filter(([entry]) => entry.endsWith("/route"))
    .map(([, route]) => route)
    .sort();
}

/** A page that uses the action, its dynamic segments filled with `segments` ("[mrn]" → …). */
export function actionPage(action: ServerAction, segments: Record<string, string>): string {
  const page = [...action.pages].sort((a, b) => a.split("[").length - b.split("[").length)[0] ?? "/";
  return page.replace(/\[([^\]]+)\]/g, (whole, name: string) => encodeURIComponent(segments[name] ?? whole));
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

async function toAnswer(response: APIResponse): Promise<Answer> {
  return { status: response.status(), headers: response.headers(), body: await response.body() };
}

/** Calls `action` as Next.js' client does, with `args` encoded by React's own encoder. */
export async function callAction(request: APIRequestContext, action: ServerAction, path: string, args: unknown[], headers: Record<string, string>): Promise<Answer> {
  const built = await serverActionRequest(path, action.id, null, headers, args);
  const { "content-length": _length, ...sent } = built.headers;
  return toAnswer(await request.post(path, { headers: sent, data: built.body, maxRedirects: 0 }));
}

/** Posts a body no client of the app would send to `path`, addressed to the action `actionId`. */
export async function postRaw(request: APIRequestContext, path: string, actionId: string, body: Buffer | string, contentType: string, headers: Record<string, string>): Promise<Answer> {
  return toAnswer(
    await request.post(path, {
      headers: { ...headers, "next-action": actionId, accept: "text/x-component", "content-type": contentType },
      data: typeof body === "string" ? Buffer.from(body, "utf8") : body,
      maxRedirects: 0,
    }),
  );
}

export async function fetchPath(request: APIRequestContext, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return toAnswer(await request.fetch(path, { method, headers, data: body, maxRedirects: 0 }));
}

/**
 * Signs of the server's insides in a body. A stack frame is matched as one ("at fn (file:1:2)"),
 * not as the bare word "at", which ordinary text is full of.
 */
const LEAK_MARKERS: [string, RegExp][] = [
  ["a stack frame", /\bat (?:async )?[^\s()]+ \([^()\n]*:\d+:\d+\)|^\s*at [^\n]*:\d+:\d+$/m],
  ["an error name", /\b[A-Z]?[A-Za-z]*Error: /],
  ["Prisma", /prisma/i],
  ["node_modules", /node_modules/],
  ["a connection error", /\bECONN[A-Z]+/],
  ["a server path", /\/work\//],
];

function escapedForms(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  const html = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  return [...new Set([text, json, html])].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

/** The markers of internal detail in `body`, ignoring what the request itself sent (`echoes`). */
export function leaks(body: Buffer, echoes: readonly string[] = []): string[] {
  let text = body.toString("utf8");
  for (const echo of echoes) for (const form of escapedForms(echo)) text = text.split(form).join("");
  return LEAK_MARKERS.filter(([, pattern]) => pattern.test(text)).map(([name]) => `the answer shows ${name}`);
}

/** The rows of a React Flight (RSC) answer by id; text rows ("T<length>,") are read by length. */
export function flightRows(body: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = body.subarray(at, colon).toString("latin1");
    const text = /^T([0-9a-f]+),/.exec(body.subarray(colon + 1, colon + 20).toString("latin1"));
    if (text) {
      const start = colon + 3 + text[1]!.length;
      const end = start + parseInt(text[1]!, 16);
      rows.set(id, body.subarray(start, end).toString("utf8"));
      at = end;
      continue;
    }
    const newline = body.indexOf(0x0a, colon);
    const end = newline < 0 ? body.length : newline;
    rows.set(id, body.subarray(colon + 1, end).toString("utf8"));
    at = end + 1;
  }
  return rows;
}

export type ActionAnswer =
  | { kind: "state"; state: unknown }
  | { kind: "redirect"; to: string }
  | { kind: "thrown" }
  | { kind: "unreadable"; why: string };

function resolveText(value: unknown, rows: Map<string, string>): unknown {
  if (typeof value !== "string" || !value.startsWith("$")) return value;
  if (value === "$undefined") return undefined;
  if (value.startsWith("$$")) return value.slice(1);
  return rows.get(value.slice(1)) ?? value;
}

/** What a server action answered: the state it returned, a redirect, or an error it threw. */
export function readActionAnswer(answer: Answer): ActionAnswer {
  const redirect = answer.headers["x-action-redirect"];
  if (redirect) return { kind: "redirect", to: redirect.split(";")[0]! };
  if (!answer.headers["content-type"]?.includes("text/x-component")) return { kind: "unreadable", why: `content-type ${answer.headers["content-type"] ?? "(none)"}` };
  const rows = flightRows(answer.body);
  let reference: unknown;
  try {
    reference = (JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null)?.a;
  } catch {
    return { kind: "unreadable", why: "no readable first row" };
  }
  if (reference === "$undefined" || reference === undefined) return { kind: "state", state: undefined };
  if (typeof reference !== "string" || !reference.startsWith("$@")) return { kind: "state", state: reference };
  const row = rows.get(reference.slice(2));
  if (row === undefined) return { kind: "unreadable", why: "the result row is missing" };
  if (row.startsWith("E")) return { kind: "thrown" };
  try {
    const state = JSON.parse(row) as unknown;
    if (state && typeof state === "object" && "message" in state) {
      return { kind: "state", state: { ...state, message: resolveText((state as { message: unknown }).message, rows) } };
    }
    return { kind: "state", state };
  } catch {
    return { kind: "unreadable", why: "the result row is not JSON" };
  }
}

/** True when `target` (a Location or redirect path) stays on `origin`. */
export function staysOnSite(target: string, origin: string): boolean {
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    try {
      return new URL(target).origin === origin;
    } catch {
      return false;
    }
  }
  return new URL(target, origin).origin === origin;
}

/** What is wrong with a server action's answer (empty when nothing is). */
export function judgeActionAnswer(answer: Answer, origin: string, echoes: readonly string[], trusted: readonly string[] = []): string[] {
  const problems = leaks(answer.body, echoes);
  // `trusted`: origins an action may send people to on purpose (the staff console's identity provider).
  const allowed = (location: string) => staysOnSite(location, origin) || trusted.some((other) => location.startsWith(`${other}/`));
  if (answer.status >= 500) return [`answered ${answer.status}`, ...problems];
  if (answer.status >= 400) return problems;
  if (answer.status >= 300) {
    const location = answer.headers.location ?? "";
    return allowed(location) ? problems : [`redirected off the site to ${location}`, ...problems];
  }
  const read = readActionAnswer(answer);
  if (read.kind === "thrown") problems.push("the action threw");
  if (read.kind === "unreadable") problems.push(`unreadable answer (${read.why})`);
  if (read.kind === "redirect" && !allowed(read.to)) problems.push(`redirected off the site to ${read.to}`);
  if (read.kind === "state" && read.state !== undefined) {
    const state = read.state as { ok?: unknown; message?: unknown; fieldErrors?: unknown };
    const hasFieldErrors = typeof state.fieldErrors === "object" && state.fieldErrors !== null && Object.keys(state.fieldErrors).length > 0;
    if (typeof state.ok !== "boolean") problems.push(`answered ${JSON.stringify(read.state).slice(0, 120)}, not a form state`);
    else if (!state.ok && !(typeof state.message === "string" && state.message.trim().length > 0) && !hasFieldErrors) problems.push("refused without a message");
  }
  return problems;
}

/** What is wrong with the answer to a page or route handler request (empty when nothing is). */
export function judgeAnswer(answer: Answer, origin: string, echoes: readonly string[] = [], trusted: readonly string[] = []): string[] {
  const problems = leaks(answer.body, echoes);
  if (answer.status >= 500) problems.unshift(`answered ${answer.status}`);
  if (answer.status >= 300 && answer.status < 400) {
    const location = answer.headers.location ?? "";
    if (!staysOnSite(location, origin) && !trusted.some((other) => location.startsWith(`${other}/`))) problems.unshift(`redirected off the site to ${location}`);
  }
  return problems;
}

/** Counts what was tried, for the summary line the security document quotes. */
export class Tally {
  inputs = 0;
  readonly endpoints = new Set<string>();

  tried(endpoint: string, count = 1): void {
    this.inputs += count;
    this.endpoints.add(endpoint);
  }
}

/**
 * Problems found during a property run, each distinct problem kept once with the first input
 * that showed it and how often it happened.
 */
export class Findings {
  private readonly found = new Map<string, { example: string; times: number }>();

  add(problems: readonly string[], example: () => string): void {
    for (const problem of problems) {
      const seen = this.found.get(problem);
      if (seen) seen.times += 1;
      else this.found.set(problem, { example: example(), times: 1 });
    }
  }

  list(): string[] {
    return [...this.found].map(([problem, { example, times }]) => `${problem} (${times}×), e.g. ${example}`);
  }
}
