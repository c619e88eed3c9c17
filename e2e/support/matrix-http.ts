// Sending the matrix's requests and reading their answers. Requests go out with Node's fetch:
// no cookie jar, so nothing one cell's response sets can reach the next cell, and redirects are
// returned, not followed.

/** A request as the matrix sends it. */
export interface MatrixRequest {
  method: "GET" | "POST" | "HEAD" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface MatrixResponse {
  status: number;
  location: string | null;
  /** Where a server action redirected to (Next.js' x-action-redirect header), without its mode. */
  actionRedirect: string | null;
  cacheControl: string | null;
  /** Next.js' routing headers, which must not tell a refused record from a missing one either. */
  routing: string;
  /** Next.js answered without running the page (x-middleware-skip). */
  skipped: boolean;
  body: string;
}

let clientAddress = 0;

/**
 * Each request comes from its own client address, so per-address throttles (activation codes)
 * never carry over from one cell to the next.
 */
function nextClientAddress(): string {
  clientAddress += 1;
  return `198.18.${Math.floor(clientAddress / 250) % 250}.${(clientAddress % 250) + 1}`;
}

export async function send(baseUrl: string, request: MatrixRequest): Promise<MatrixResponse> {
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method,
    headers: { "x-forwarded-for": nextClientAddress(), ...request.headers },
    body: request.body ? new Uint8Array(request.body) : undefined,
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  const actionRedirect = response.headers.get("x-action-redirect");
  return {
    status: response.status,
    location: response.headers.get("location"),
    actionRedirect: actionRedirect ? actionRedirect.replace(/;(push|replace)$/, "") : null,
    cacheControl: response.headers.get("cache-control"),
    routing: ["x-matched-path", "x-middleware-rewrite"].map((name) => `${name}: ${response.headers.get(name) ?? ""}`).join("; "),
    skipped: response.headers.get("x-middleware-skip") === "1",
    body: await response.text(),
  };
}

/**
 * Header sets that have been used to get past Next.js middleware/proxy (CVE-2025-29927 and the
 * internal routing headers), the prefetch headers that a proxy matcher with `missing` lets
 * through without running the proxy (this app's matcher has no such exception, so the proxy runs
 * for them too), and the server action header, for which it has one. The answer must not change
 * with any of them.
 *
 * Which callers each is sent for: a header set either gets a request past the proxy, or changes
 * how the framework routes it; neither depends on who the caller is beyond the kind of session
 * the proxy reads. So the plain request and the prefetch with a forged return path
 * (`everyCaller`) are sent for every caller. The other header sets are sent for the callers in
 * HEADER_PROBE_CALLERS (e2e/support/matrix-world.ts), one for each kind of session that is
 * refused somewhere.
 */
export interface Variant {
  name: string;
  headers: Record<string, string>;
  /**
   * Next.js answers such a request after the proxy with an empty "{}" and x-middleware-skip,
   * without running the page or action at all: that answer (EMPTY) carries nothing and stands
   * in for any expected answer; every other answer must still be the expected one.
   */
  mayAnswerEmpty?: boolean;
  /** Sent for every caller, not only HEADER_PROBE_CALLERS. */
  everyCaller?: boolean;
  /** Sent with GET requests only: on a POST, this header set makes it a server action call, which the action rows cover. */
  getOnly?: boolean;
}

/** Next.js' answer when it skipped the page (see Variant.mayAnswerEmpty). */
export const EMPTY = "empty";

export const VARIANTS: readonly Variant[] = [
  { name: "plain", headers: {}, everyCaller: true },
  { name: "x-middleware-subrequest: middleware×5", headers: { "x-middleware-subrequest": Array(5).fill("middleware").join(":") } },
  { name: "x-middleware-subrequest: src/middleware×5", headers: { "x-middleware-subrequest": Array(5).fill("src/middleware").join(":") } },
  { name: "x-middleware-subrequest: proxy×5", headers: { "x-middleware-subrequest": Array(5).fill("proxy").join(":") } },
  { name: "x-middleware-subrequest: src/proxy×5", headers: { "x-middleware-subrequest": Array(5).fill("src/proxy").join(":") } },
  { name: "x-nextjs-data", headers: { "x-nextjs-data": "1" } },
  { name: "x-invoke-path (public page)", headers: { "x-invoke-path": "/mypatients/login", "x-invoke-query": "{}" } },
  { name: "x-middleware-prefetch", headers: { "x-middleware-prefetch": "1" }, mayAnswerEmpty: true },
  // Prefetch headers, which a proxy matcher with `missing` would let skip the proxy; ours has no
  // such exception (proxy.ts), so these must be gated like any request. A forged return path rides along: the
  // proxy must overwrite it.
  { name: "purpose: prefetch + forged x-request-path", headers: { purpose: "prefetch", "x-request-path": "//evil.example/steal" }, everyCaller: true },
  { name: "next-router-prefetch", headers: { "next-router-prefetch": "1" } },
  // A server action call by script skips the proxy (its matcher's `missing`, decision 023); on
  // anything but a POST, server.ts removes the header, so a page request cannot claim to be one.
  { name: "next-action on a request that is not an action call", headers: { "next-action": "0".repeat(42) }, getOnly: true },
];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The path a response sends the caller to, or null. */
export function redirectOf(response: MatrixResponse): string | null {
  if (response.actionRedirect) return response.actionRedirect;
  if (REDIRECT_STATUSES.has(response.status) && response.location) return response.location;
  return null;
}

/**
 * A problem with a redirect's return path: it must be absent, or a path on this site (never
 * another host, which a forged header could try to smuggle in).
 */
export function unsafeReturnPath(redirect: string): string | null {
  const url = new URL(redirect, "http://matrix.invalid");
  if (url.origin !== "http://matrix.invalid") return `redirects off-site to ${url.origin}`;
  const next = url.searchParams.get("next");
  if (next !== null && (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || next.includes("evil.example"))) return `carries an unsafe return path ${next}`;
  return null;
}

/** What identifies the patient asked about, and what only their clinical record shows. */
export interface Markers {
  identity: readonly string[];
  record: readonly string[];
}

function markersIn(body: string, markers: Markers): { identity: boolean; record: boolean; found: string[] } {
  const identity = markers.identity.filter((marker) => body.includes(marker));
  const record = markers.record.filter((marker) => body.includes(marker));
  return { identity: identity.length > 0, record: record.length > 0, found: [...identity, ...record] };
}

/**
 * A page's answer as the matrix writes it: "redirect:<path>", "<status>", or for a 200 what of
 * the patient it shows: "200" (nothing), "200:data" (who they are), "200:record" (who they are
 * and their clinical record). The patient on an answer that is not 200 is a leak, and says so.
 */
export function pageAnswer(response: MatrixResponse, markers: Markers): string {
  const shown = markersIn(response.body, markers);
  const redirect = redirectOf(response);
  const leak = shown.found.length > 0 ? `+leaks(${shown.found.join(", ")})` : "";
  if (redirect) return `redirect:${new URL(redirect, "http://matrix.invalid").pathname}${leak}`;
  if (response.status !== 200) return `${response.status}${leak}`;
  if (response.skipped && response.body.trim() === "{}") return EMPTY;
  if (shown.record) return shown.identity ? "200:record" : "200:record-without-name";
  return shown.identity ? "200:data" : "200";
}

/** The value a server action returned (the `1:` row of the RSC payload that `0:` points at). */
export function actionResult(response: MatrixResponse): unknown {
  const rows = new Map<string, string>();
  for (const line of response.body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const head = rows.get("0");
  if (!head) return undefined;
  const pointer = (JSON.parse(head) as { a?: unknown }).a;
  if (typeof pointer !== "string" || !pointer.startsWith("$@")) return undefined;
  const row = rows.get(pointer.slice(2));
  return row === undefined ? undefined : (JSON.parse(row) as unknown);
}

export interface FormStateLike {
  ok: boolean;
  message?: string;
  [key: string]: unknown;
}

function isFormState(value: unknown): value is FormStateLike {
  return typeof value === "object" && value !== null && typeof (value as { ok?: unknown }).ok === "boolean";
}

/**
 * A server action's answer as the matrix writes it: "redirect:<path>" (sent to sign in),
 * "refused:<message>", "ok" (or "ok:<detail>" from `detail`), else what came back.
 * `markers` are the patient's data: they may be in an "ok" answer only.
 */
export function actionAnswer(response: MatrixResponse, markers: Markers, detail?: (state: FormStateLike) => string): { answer: string; state: FormStateLike | null } {
  const { found } = markersIn(response.body, markers);
  const leak = found.length > 0 ? `+leaks(${found.join(", ")})` : "";
  const redirect = redirectOf(response);
  if (redirect) return { answer: `redirect:${new URL(redirect, "http://matrix.invalid").pathname}${leak}`, state: null };
  if (response.status !== 200) return { answer: `status:${response.status}${leak}`, state: null };
  if (response.skipped && response.body.trim() === "{}") return { answer: EMPTY, state: null };
  const result = actionResult(response);
  if (!isFormState(result)) return { answer: `unreadable:${response.body.slice(0, 200)}`, state: null };
  if (!result.ok) return { answer: `refused:${result.message ?? ""}${leak}`, state: result };
  return { answer: detail ? `ok:${detail(result)}` : "ok", state: result };
}

/**
 * A response body with what legitimately differs between two requests replaced: the CSP nonce
 * and the id or MRN that was asked for (also URL-encoded).
 */
export function normalizedBody(body: string, asked: readonly string[]): string {
  let result = body;
  for (const nonce of new Set([...body.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]!))) result = result.replaceAll(nonce, "NONCE");
  for (const value of asked) result = result.replaceAll(value, "ASKED").replaceAll(encodeURIComponent(value), "ASKED");
  return result;
}

/** Where two normalized bodies first differ, for a failure message. */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}
