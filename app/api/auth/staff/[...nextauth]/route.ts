// The hospital identity provider's return to the staff console (OpenID Connect authorization code
// flow, handled by next-auth): /api/auth/staff/callback/hospital. next-auth's other endpoints
// (its own sign-in page, session, CSRF and provider lists) are not served: the console signs in
// and out through its own pages and server actions.
import type { NextRequest } from "next/server";
import { STAFF_PROVIDER_ID, staffAuthHandlers } from "@/lib/auth/next-auth";

const CALLBACK_PATH = `/api/auth/staff/callback/${STAFF_PROVIDER_ID}`;

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export async function GET(request: NextRequest): Promise<Response> {
  if (request.nextUrl.pathname !== CALLBACK_PATH) return notFound();
  const answer = await staffAuthHandlers.GET(request);
  // next-auth's redirects have immutable headers: the answer is copied to add one.
  const response = new Response(answer.body, answer);
  response.headers.set("cache-control", "no-store");
  return response;
}

export async function POST(): Promise<Response> {
  return notFound();
}
