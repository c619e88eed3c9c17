// proxy.ts is Next.js 16's name for middleware: it runs before every matched request.
// It gives each page its Content-Security-Policy nonce, and is the first gate of the portals:
// a portal page opened without that portal's session cookie redirects to the portal's sign-in
// page with the path as the return path. It only reads the cookie; every page and server action
// checks the Session row itself (lib/auth/current-user.ts), so this gate is never the only one,
// except on a record page: there the gate checks the session and the access rule, and hands the
// page its verdict on the session, signed (lib/auth/gate-verdict.ts); the page's read applies the
// access rule again.
import { NextResponse, type NextRequest } from "next/server";
import { isPublicPortalPath, portalOfPath, REQUEST_PATH_HEADER, signInUrl } from "@/lib/auth/portals";
import { safeReturnPath } from "@/lib/auth/return-path";
import { metadataFromHeaders } from "@/lib/http/request-metadata";
import { mayOpenRecord, recordPathMrn } from "@/lib/patients/record-gate";
import { readSessionSecret, sessionCookie } from "@/lib/auth/session-cookie";
import { isTextFieldsMultipart } from "@/lib/http/form-body";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";
import { MAILBOX_PATH, mayOpenMailbox } from "@/lib/http/loopback";
import { GATE_VERDICT_HEADER, signVerdict } from "@/lib/auth/gate-verdict";

/** The path and query the user asked for, without Next.js' internal parameters. */
function requestedPath(request: NextRequest): string {
  const url = request.nextUrl.clone();
  url.searchParams.delete("_rsc");
  return `${url.pathname}${url.search}`;
}

/** For a portal page without a readable session cookie: the redirect to its sign-in page. */
async function signInRedirect(request: NextRequest): Promise<NextResponse | null> {
  const { pathname } = request.nextUrl;
  const portal = portalOfPath(pathname);
  // Server actions are POSTs to the page: they answer for themselves (they check the session too).
  if (!portal || isPublicPortalPath(pathname) || (request.method !== "GET" && request.method !== "HEAD")) return null;
  const cookie = sessionCookie(portal);
  const value = request.cookies.get(cookie.name)?.value;
  if (await readSessionSecret(portal, value)) return null;
  const target = new URL(signInUrl(portal, safeReturnPath(portal, requestedPath(request))), request.url);
  const response = NextResponse.redirect(target);
  if (value) response.cookies.set(cookie.name, "", { ...cookie.options, maxAge: 0 });
  return response;
}

/**
 * For a record page: the access rule, before the page runs. A record the provider may not see is
 * answered with the portal's "not found" page, exactly as a record that does not exist; one they
 * may see gets the gate's signed verdict, so the page need not check the session again.
 */
async function recordGate(request: NextRequest): Promise<{ answer: NextResponse } | { verdict: string | null } | null> {
  const mrn = recordPathMrn(request.nextUrl.pathname);
  if (mrn === null || (request.method !== "GET" && request.method !== "HEAD")) return null;
  const secret = await readSessionSecret("mypatients", request.cookies.get(sessionCookie("mypatients").name)?.value);
  if (!secret) return null; // signInRedirect has already sent this request to sign in
  const now = new Date();
  let allowed: Awaited<ReturnType<typeof mayOpenRecord>>;
  try {
    allowed = await mayOpenRecord(secret, mrn, metadataFromHeaders(request.headers), now);
  } catch {
    // The database cannot answer: nothing is shown, and the page says why.
    return { answer: unavailable() };
  }
  if (allowed === "signed-out") {
    return { answer: NextResponse.redirect(new URL(signInUrl("mypatients", safeReturnPath("mypatients", requestedPath(request))), request.url)) };
  }
  if (allowed) return { verdict: signVerdict(allowed, secret, now) };
  const unavailablePage = new URL(RECORD_UNAVAILABLE_PATH, request.url);
  unavailablePage.searchParams.set("mrn", mrn.slice(0, 40));
  return { answer: NextResponse.rewrite(unavailablePage, { request: { headers: headersWithoutVerdict(request) } }) };
}

const RECORD_UNAVAILABLE_PATH = "/mypatients/record-unavailable";

/** The request's headers without a gate verdict: only the gate's own reaches a page, one sent by the client never. */
function headersWithoutVerdict(request: NextRequest): Headers {
  const headers = new Headers(request.headers);
  headers.delete(GATE_VERDICT_HEADER);
  return headers;
}

/** 503 with a plain page, for when the gate cannot reach the database. */
function unavailable(): NextResponse {
  const body =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Unavailable</title></head>' +
    "<body><main><h1>This page is unavailable right now</h1><p>Nothing was shown and nothing was changed. Please try again in a moment.</p></main></body></html>";
  return new NextResponse(body, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "5", "content-security-policy": "default-src 'none'; frame-ancestors 'none'" },
  });
}

/** Largest request body the app accepts (a form here is a few kilobytes). */
const MAX_BODY_BYTES = 1024 * 1024;
/** The answer to a body over MAX_BODY_BYTES, whether its length was given or counted. */
const TOO_LARGE = "This request is too large.";
/** The answer to a body no form of ours writes. */
const UNREADABLE_FORM = "Bad request: the form could not be read.";

function plainAnswer(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * Requests no page of ours can mean, answered before Next.js tries to parse them (it would
 * answer 500): an undecodable path, an oversized body, a form body its parser could not read.
 * The body is read as it is: the proxy's request holds its own copy of it (Next.js keeps the
 * body for the page), and a multipart form's shape is checked on its bytes, without building it.
 */
async function malformed(request: NextRequest): Promise<NextResponse | null> {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return plainAnswer(400, "Bad request: the address is not valid.");
  }
  if (request.method !== "POST") return null;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return plainAnswer(413, TOO_LARGE);
  const type = request.headers.get("content-type") ?? "";
  // Next.js compares the type in lower case: another case is not a form to it.
  const isMultipart = type.startsWith("multipart/form-data");
  const isAction = request.headers.has("next-action");
  if (!isMultipart && !isAction) return null;
  // A server action call from our pages is a form (multipart) or, without arguments, a JSON list.
  if (isAction && !isMultipart && !/^text\/plain/i.test(type)) return plainAnswer(400, UNREADABLE_FORM);
  try {
    // A body sent in chunks has no Content-Length to refuse it by: its bytes are counted.
    const body = Buffer.from(await request.arrayBuffer());
    if (body.length > MAX_BODY_BYTES) return plainAnswer(413, TOO_LARGE);
    // A text-only form, as our pages send (no form here uploads files), that Next.js can read;
    // or an action's arguments as a JSON list.
    if (isMultipart ? !isTextFieldsMultipart(type, body) : !isArgumentList(JSON.parse(body.toString("utf8")))) {
      return plainAnswer(400, UNREADABLE_FORM);
    }
  } catch {
    return plainAnswer(400, UNREADABLE_FORM);
  }
  return null;
}

/** A JSON-encoded action call: a list of arguments that refers to no part it does not carry. */
function isArgumentList(value: unknown): boolean {
  return Array.isArray(value) && !referencesChunks(value);
}

/** Whether a JSON-encoded action argument list refers to parts it does not carry ("$1", "$K2", …). */
function referencesChunks(value: unknown): boolean {
  if (typeof value === "string") return /^\$[^$]/.test(value);
  if (Array.isArray(value)) return value.some(referencesChunks);
  if (value && typeof value === "object") return Object.values(value).some(referencesChunks);
  return false;
}

/** The development mailbox answers only requests addressed to the loopback interface; others get 404. */
function mailboxGate(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (pathname !== MAILBOX_PATH && !pathname.startsWith(`${MAILBOX_PATH}/`)) return null;
  return mayOpenMailbox(request.headers) ? null : plainAnswer(404, "Not found.");
}

export async function proxy(request: NextRequest) {
  const redirect = mailboxGate(request) ?? (await malformed(request)) ?? (await signInRedirect(request));
  if (redirect) return redirect;
  const gate = await recordGate(request);
  if (gate && "answer" in gate) return gate.answer;

  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  // Next.js reads the nonce for its own scripts from the request's policy header.
  const requestHeaders = headersWithoutVerdict(request);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(REQUEST_PATH_HEADER, requestedPath(request));
  if (gate?.verdict) requestHeaders.set(GATE_VERDICT_HEADER, gate.verdict);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only: static assets and the health check need no nonce.
  // Every page request, prefetches included: a client must not be able to skip the gate (or the
  // Content-Security-Policy) by claiming to prefetch.
  matcher: ["/((?!api/health$|api/baseline$|_next/static|_next/image|favicon.ico).*)"],
};
