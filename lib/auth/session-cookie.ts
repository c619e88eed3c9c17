// The session cookies. Each portal has its own: next-auth issues it at sign-in as an encrypted
// JWT whose only claims are the portal and the session's secret; the Session row found by that
// secret's hash decides whether it still opens anything (lib/auth/session-store.ts).
import { createHash } from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { ABSOLUTE_TIMEOUT_MS } from "@/lib/auth/session-store";
import type { PortalId } from "@/lib/auth/portals";
import { env, EnvError, type Env } from "@/lib/env";

/**
 * Used when AUTH_SECRET is not set outside a real deployment (development, tests, the demo).
 * Knowing it opens no session: a cookie is only as good as the 256-bit session secret inside it.
 */
const DEVELOPMENT_SECRET = "development-only-auth-secret-never-used-in-production";

/** The key next-auth encrypts session cookies with; checked when the server starts (lib/startup.ts). */
export function authSecret(config: Env = env()): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.NODE_ENV === "production" && !config.DEV_MAILBOX) {
    throw new EnvError("Invalid configuration: AUTH_SECRET is required in production (at least 32 characters). See .env.example.");
  }
  return DEVELOPMENT_SECRET;
}

function isLoopback(appUrl: string): boolean {
  const { hostname } = new URL(appUrl);
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

export interface SessionCookie {
  name: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean };
}

/**
 * httpOnly, SameSite=Lax; Secure (with the __Host- prefix) in production, except when the app
 * is served on this machine over plain http (the demo and the end-to-end tests).
 */
export function sessionCookie(portal: PortalId, config: Env = env()): SessionCookie {
  const secure = config.NODE_ENV === "production" && !isLoopback(config.APP_URL);
  return {
    name: `${secure ? "__Host-" : ""}${portal}.session`,
    options: { httpOnly: true, sameSite: "lax", path: "/", secure },
  };
}

export const SESSION_COOKIE_MAX_AGE_SECONDS = ABSOLUTE_TIMEOUT_MS / 1000;

/**
 * The value of a portal's session cookie holding `sessionSecret`, encrypted as next-auth issues it
 * at sign-in (salted with the cookie's name, valid for the session's absolute lifetime): the
 * inverse of readSessionSecret. Tests and the benchmark open sessions with it.
 */
export function encodeSessionCookie(portal: PortalId, sessionSecret: string, config: Env = env()): Promise<string> {
  return encode({ token: { portal, sid: sessionSecret }, secret: authSecret(config), salt: sessionCookie(portal, config).name, maxAge: SESSION_COOKIE_MAX_AGE_SECONDS });
}

/** Decrypted cookies, so a session's requests decrypt its cookie once: see readSessionSecret. */
const decrypted = new Map<string, { sid: string | null; expiresAt: number }>();
const MAX_DECRYPTED = 10_000;

/**
 * The session secret in a portal's cookie value, or null when it is missing, forged or expired.
 * Decryption (a key derivation and a JWE decrypt) is a pure function of the cookie, the key and
 * the portal, so its result is kept in memory until the cookie expires: each instance computes
 * the same, and the Session row is still checked on every request (revocation is not delayed).
 */
export async function readSessionSecret(portal: PortalId, cookieValue: string | undefined, config: Env = env()): Promise<string | null> {
  if (!cookieValue) return null;
  const salt = sessionCookie(portal, config).name;
  const secret = authSecret(config);
  const key = createHash("sha256").update(`${secret}\0${salt}\0${portal}\0${cookieValue}`).digest("base64");
  const known = decrypted.get(key);
  if (known && known.expiresAt > Date.now()) return known.sid;

  let sid: string | null = null;
  let expiresAt = Date.now() + 60_000; // a cookie that does not decrypt is remembered for a minute
  try {
    const payload = await decode({ token: cookieValue, secret, salt });
    if (payload?.portal === portal && typeof payload.sid === "string") sid = payload.sid;
    if (typeof payload?.exp === "number") expiresAt = payload.exp * 1000;
  } catch {
    // forged, tampered with or expired: remembered as opening nothing
  }
  if (decrypted.size >= MAX_DECRYPTED) decrypted.delete(decrypted.keys().next().value!);
  decrypted.set(key, { sid, expiresAt });
  return sid;
}

/** The ID token a staff console cookie was issued with (for RP-initiated logout), or null. */
export async function readStaffIdToken(cookieValue: string, config: Env = env()): Promise<string | null> {
  try {
    const payload = await decode({ token: cookieValue, secret: authSecret(config), salt: sessionCookie("staff", config).name });
    return payload?.portal === "staff" && typeof payload.idt === "string" ? payload.idt : null;
  } catch {
    return null;
  }
}
