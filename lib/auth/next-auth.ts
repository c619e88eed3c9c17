// next-auth (Auth.js v5), one instance per portal so each has its own cookie: a provider's
// cookie is never even read by MyChildren's, and the reverse. The credentials provider checks
// the password and opens a Session row (lib/auth/sign-in.ts); the cookie next-auth issues holds
// only that session's secret. Whether a cookie still opens anything is decided by the row, on
// every request (decision 004).
import "server-only";
import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import type { PortalId } from "@/lib/auth/portals";
import { clearPendingCookie, setPendingCookie } from "@/lib/auth/pending-sign-in";
import { authSecret, encodeSessionCookie, readSessionSecret, SESSION_COOKIE_MAX_AGE_SECONDS, sessionCookie } from "@/lib/auth/session-cookie";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { signOutSession } from "@/lib/auth/sign-out";
import { signInSchema } from "@/lib/auth/validation";
import type { PendingPurpose } from "@/lib/auth/two-step";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { metadataFromHeaders, requestMetadata } from "@/lib/http/request-metadata";

declare module "next-auth" {
  interface User {
    /** The secret of the Session row just opened; it goes into the cookie and nowhere else. */
    sessionSecret?: string;
  }
}

const PROVIDER_ID = "password";

/** The password was right, but a second step (or enrolment) comes before any session. */
class SecondStepRequired extends CredentialsSignin {
  code = "second_step";
  constructor(
    readonly pendingSecret: string,
    readonly purpose: PendingPurpose,
  ) {
    super();
  }
}

const callbackUrlCookie = (portal: PortalId) => `${portal}.callback-url`;

function portalConfig(portal: PortalId): NextAuthConfig {
  const sessionToken = sessionCookie(portal);
  return {
    // Only used to build next-auth's internal requests: the app exposes no /api/auth routes,
    // signing in and out happens in the portals' server actions.
    basePath: `/api/auth/${portal}`,
    secret: authSecret(),
    // next-auth builds its internal URLs from the request's Host; nothing is served at them and
    // the portals redirect to their own (checked) return paths, so any host may be trusted.
    trustHost: true,
    useSecureCookies: sessionToken.options.secure,
    session: { strategy: "jwt", maxAge: SESSION_COOKIE_MAX_AGE_SECONDS },
    cookies: {
      sessionToken,
      // next-auth remembers a callback URL in a cookie of its own; the portals do not use it.
      callbackUrl: { name: callbackUrlCookie(portal), options: sessionToken.options },
    },
    providers: [
      Credentials({
        id: PROVIDER_ID,
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const requireTwoStep = portal === "mypatients" && env().REQUIRE_TWO_STEP;
          const result = await signInWithPassword(db(), { portal, ...parsed.data }, metadataFromHeaders(request.headers), new Date(), requireTwoStep);
          if (!result.ok && result.secondStep) throw new SecondStepRequired(result.secondStep.pendingSecret, result.secondStep.purpose);
          return result.ok ? { id: result.userId, sessionSecret: result.sessionSecret } : null;
        },
      }),
    ],
    callbacks: {
      // At sign-in the token becomes { portal, sid }: no name, email or id in the cookie.
      jwt({ token, user }) {
        return user?.sessionSecret ? { portal, sid: user.sessionSecret } : token;
      },
    },
    logger: {
      error(error) {
        // A refused sign-in is an expected outcome (and audited), not a server error.
        if (error instanceof CredentialsSignin) return;
        console.error(`[auth:${portal}]`, error);
      },
      warn(code) {
        console.warn(`[auth:${portal}] ${code}`);
      },
      debug() {},
    },
  };
}

const INSTANCES = {
  mypatients: NextAuth(() => portalConfig("mypatients")),
  mychildren: NextAuth(() => portalConfig("mychildren")),
} satisfies Record<PortalId, unknown>;

export type PasswordSignInResult = "signed-in" | "refused" | "unavailable" | "second-step";

/**
 * Signs in to `portal` (input validated by signInSchema) and sets the portal's cookie. A session
 * this browser already had in the portal is ended first, so a replaced cookie leaves nothing open.
 */
export async function passwordSignIn(portal: PortalId, input: { email: string; password: string }): Promise<PasswordSignInResult> {
  await endCurrentSession(portal);
  try {
    await INSTANCES[portal].signIn(PROVIDER_ID, { ...input, redirect: false });
    return "signed-in";
  } catch (error) {
    if (error instanceof SecondStepRequired) {
      await setPendingCookie(error.pendingSecret);
      return "second-step";
    }
    if (error instanceof CredentialsSignin) return "refused";
    if (error instanceof AuthError) {
      console.error(`[auth:${portal}] sign-in failed`, error);
      return "unavailable";
    }
    throw error;
  } finally {
    (await cookies()).delete(callbackUrlCookie(portal));
  }
}

/** Ends the browser's session in `portal`: revokes its row (audited) and clears the cookie. */
export async function endCurrentSession(portal: PortalId): Promise<void> {
  const cookieName = sessionCookie(portal).name;
  const value = (await cookies()).get(cookieName)?.value;
  if (!value) return;
  const secret = await readSessionSecret(portal, value);
  if (secret) await signOutSession(db(), portal, secret, await requestMetadata());
  await INSTANCES[portal].signOut({ redirect: false });
}

/**
 * Sets the portal's session cookie for a session opened by the second step of sign-in (the cookie
 * next-auth would have issued: lib/auth/session-cookie.ts) and forgets the pending sign-in's.
 */
export async function setSessionCookie(portal: PortalId, sessionSecret: string): Promise<void> {
  const { name, options } = sessionCookie(portal);
  const jar = await cookies();
  jar.set(name, await encodeSessionCookie(portal, sessionSecret), { ...options, maxAge: SESSION_COOKIE_MAX_AGE_SECONDS });
  await clearPendingCookie();
}
