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
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";
import { MAILBOX_PATH, mayOpenMailbox } from "@/lib/http/loopback";
import { GATE_VERDICT_HEADER, signVerdict } from "@/lib/auth/gate-verdict";

/** The path and query the user asked for, as server.ts handed it on (without Next.js' internal parameters). */
function requestedPathOf(request: NextRequest): string | null {
  return request.headers.get(REQUEST_PATH_HEADER);
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
  const target = new URL(signInUrl(portal, safeReturnPath(portal, requestedPathOf(request))), request.url);
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
    return { answer: NextResponse.redirect(new URL(signInUrl("mypatients", safeReturnPath("mypatients", requestedPathOf(request))), request.url)) };
  }
  if (allowed) return { verdict: signVerdict(allowed, secret, now) };
  const unavailablePage = new URL(RECORD_UNAVAILABLE_PATH, request.url);
  unavailablePage.searchParams.set("mrn", mrn.slice(0, 40));
  return { answer: NextResponse.rewrite(unavailablePage) };
}

const RECORD_UNAVAILABLE_PATH = "/mypatients/record-unavailable";

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

function plainAnswer(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** The development mailbox answers only requests addressed to the loopback interface; others get 404. */
function mailboxGate(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (pathname !== MAILBOX_PATH && !pathname.startsWith(`${MAILBOX_PATH}/`)) return null;
  return mayOpenMailbox(request.headers) ? null : plainAnswer(404, "Not found.");
}

export async function proxy(request: NextRequest) {
  const redirect = mailboxGate(request) ?? (await signInRedirect(request));
  if (redirect) return redirect;
  const gate = await recordGate(request);
  if (gate && "answer" in gate) return gate.answer;

  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  // Next.js reads the nonce for its own scripts from the request's policy header. server.ts has
  // removed any of these headers the client sent, and set the requested path (decision 023).
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  if (gate?.verdict) requestHeaders.set(GATE_VERDICT_HEADER, gate.verdict);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only: static assets and the health check need no nonce.
  // Every page request, prefetches included: a client must not be able to skip the gate (or the
  // Content-Security-Policy) by claiming to prefetch. A server action called by script (a POST with
  // a `next-action` header) skips it: its answer is not a page, it checks the session itself, and
  // server.ts has checked its body (decision 023); server.ts removes the header from any other
  // request, so it cannot be used to skip the gate either. The development mailbox is gated for
  // every request, action calls included: an action's answer can carry the page it was posted to.
  matcher: [
    {
      source: "/((?!api/health$|api/baseline$|_next/static|_next/image|favicon.ico).*)",
      missing: [{ type: "header", key: "next-action" }],
    },
    "/dev/mailbox/:path*",
  ],
};
