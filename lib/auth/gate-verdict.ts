// proxy.ts's record gate checks the session and the access rule in one statement; the record page
// then needs the same session's provider. The gate hands it over in a request header, signed, so
// the page checks the session once per request (decision 021) and can trust nothing else in that
// header: the signature covers the provider, the moment of the check and the session's secret
// (which only the cookie holds), under a key derived from AUTH_SECRET. Without AUTH_SECRET (the
// development key is public) no verdict is signed or read. A header that is missing, forged,
// altered, for another session or older than VERDICT_LIFETIME_MS is ignored, and the page checks
// the Session row itself, as every other page does.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ProviderPrincipal } from "@/lib/auth/session-store";
import { env, type Env } from "@/lib/env";

/** The request header proxy.ts sets on a record page's request (server.ts removes any a client sends). */
export const GATE_VERDICT_HEADER = "x-record-gate-verdict";

/** How long a verdict stands: the proxy and the page handle one request, milliseconds apart. */
export const VERDICT_LIFETIME_MS = 5_000;

const keys = new Map<string, Buffer>();

/** The signing key, derived from AUTH_SECRET; none when it is not set. */
function keyOf(config: Env): Buffer | null {
  const secret = config.AUTH_SECRET;
  if (!secret) return null;
  let key = keys.get(secret);
  if (!key) {
    key = createHash("sha256").update(`${secret}\0record-gate-verdict`).digest();
    keys.set(secret, key);
  }
  return key;
}

const signatureOf = (key: Buffer, payload: string, sessionSecret: string) => createHmac("sha256", key).update(`${payload}.${sessionSecret}`).digest();

/**
 * The header value that tells the page `principal` was checked at `now` for the session of
 * `sessionSecret`; null without AUTH_SECRET.
 */
export function signVerdict(principal: ProviderPrincipal, sessionSecret: string, now: Date, config: Env = env()): string | null {
  const key = keyOf(config);
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify({ principal, checkedAt: now.getTime() })).toString("base64url");
  return `${payload}.${signatureOf(key, payload, sessionSecret).toString("base64url")}`;
}

/** The provider of a verdict signed for the session of `sessionSecret` within the last VERDICT_LIFETIME_MS, or null. */
export function readVerdict(value: string | null, sessionSecret: string, now: Date, config: Env = env()): ProviderPrincipal | null {
  const key = keyOf(config);
  const [payload, signature, ...rest] = value?.split(".") ?? [];
  if (!key || !payload || !signature || rest.length > 0) return null;
  const expected = signatureOf(key, payload, sessionSecret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const { principal, checkedAt } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { principal: ProviderPrincipal; checkedAt: number };
  const age = now.getTime() - checkedAt;
  return age >= 0 && age <= VERDICT_LIFETIME_MS ? principal : null;
}
