// Signing in without the sign-in form, for tests, the end-to-end specs and the benchmark: a real
// Session row, and the cookie next-auth would issue for it (lib/auth/session-cookie.ts).
import { encodeSessionCookie, sessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/session-store";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Whose session: a provider in MyPatients, an account in MyChildren's, or staff in the console. */
export type SessionOwner = Parameters<typeof createSession>[1];

export interface OpenedSession {
  /** The Session row's id. */
  sessionId: string;
  /** The secret inside the cookie (the row holds only its hash). */
  secret: string;
  /** The cookie's name and value, as the app sets them. */
  name: string;
  value: string;
  /** "name=value", for a Cookie header. */
  header: string;
}

/**
 * Opens a session for `owner` and returns its cookie. `config` is the environment of the app
 * that will read the cookie (its AUTH_SECRET, NODE_ENV and APP_URL decide the key and the
 * name); by default this process's own.
 */
export async function openSession(prisma: PrismaClient, owner: SessionOwner, config?: Env): Promise<OpenedSession> {
  const { id, secret } = await prisma.$transaction((tx) => createSession(tx, owner, new Date()));
  const { name } = sessionCookie(owner.portal, config);
  const value = await encodeSessionCookie(owner.portal, secret, config);
  return { sessionId: id, secret, name, value, header: `${name}=${value}` };
}
