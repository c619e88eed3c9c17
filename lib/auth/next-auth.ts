// next-auth (Auth.js v5), one instance per portal so each has its own cookie: a provider's
// cookie is never even read by MyChildren's, and the reverse. The credentials provider checks
// the password and opens a Session row (lib/auth/sign-in.ts); the cookie next-auth issues holds
// only that session's secret. Whether a cookie still opens anything is decided by the row, on
// every request (decision 004). The staff console's instance signs in with OpenID Connect at the
// hospital's identity provider instead (decision 009, lib/auth/staff-sign-in.ts); its callback is
// served at /api/auth/staff/callback/hospital.
import "server-only";
import NextAuth, { AuthError, CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { PORTALS, type PasswordPortalId, type PortalId } from "@/lib/auth/portals";
import { clearPendingCookie, setPendingCookie } from "@/lib/auth/pending-sign-in";
import { authSecret, encodeSessionCookie, readSessionSecret, readStaffIdToken, SESSION_COOKIE_MAX_AGE_SECONDS, sessionCookie } from "@/lib/auth/session-cookie";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { mayStaffSignIn, openStaffSession, type IdentityClaims } from "@/lib/auth/staff-sign-in";
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

function portalConfig(portal: PasswordPortalId): NextAuthConfig {
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

/** The identity provider's id in next-auth: the callback is /api/auth/staff/callback/hospital. */
export const STAFF_PROVIDER_ID = "hospital";

/** The hospital's identity provider, from the environment, or null when none is configured. */
export function staffIdentityProvider(): { issuer: string; clientId: string; clientSecret: string } | null {
  const { STAFF_OIDC_ISSUER: issuer, STAFF_OIDC_CLIENT_ID: clientId, STAFF_OIDC_CLIENT_SECRET: clientSecret } = env();
  return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : null;
}

function claimsOf(profile: unknown): IdentityClaims {
  const claims = (profile ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return { sub: text(claims.sub), email: text(claims.email), iss: text(claims.iss), email_verified: typeof claims.email_verified === "boolean" ? claims.email_verified : null };
}

function staffConfig(): NextAuthConfig {
  const sessionToken = sessionCookie("staff");
  const idp = staffIdentityProvider();
  const cookieOptions = sessionToken.options;
  return {
    basePath: "/api/auth/staff",
    secret: authSecret(),
    trustHost: true,
    useSecureCookies: cookieOptions.secure,
    session: { strategy: "jwt", maxAge: SESSION_COOKIE_MAX_AGE_SECONDS },
    // Refusals and errors come back to the console's sign-in page, which says what happened.
    pages: { signIn: PORTALS.staff.login, error: PORTALS.staff.login },
    cookies: {
      sessionToken,
      callbackUrl: { name: callbackUrlCookie("staff"), options: cookieOptions },
      // The checks of the authorization code flow, each in a short-lived cookie of the console's own.
      state: { name: "staff.oidc-state", options: { ...cookieOptions, maxAge: 15 * 60 } },
      nonce: { name: "staff.oidc-nonce", options: { ...cookieOptions, maxAge: 15 * 60 } },
      pkceCodeVerifier: { name: "staff.oidc-pkce", options: { ...cookieOptions, maxAge: 15 * 60 } },
    },
    providers: idp
      ? [
          {
            id: STAFF_PROVIDER_ID,
            name: "Hospital account",
            type: "oidc",
            issuer: idp.issuer,
            clientId: idp.clientId,
            clientSecret: idp.clientSecret,
            checks: ["pkce", "state", "nonce"],
            authorization: { params: { scope: "openid email profile" } },
          },
        ]
      : [],
    callbacks: {
      // Only identities on the staff list get in; a refusal is audited and shown on the sign-in page.
      async signIn({ profile }) {
        return mayStaffSignIn(db(), claimsOf(profile), await requestMetadata());
      },
      // At sign-in the token becomes { portal, sid, idt }: the session's secret, and the ID token
      // to hand back to the identity provider when signing out (RP-initiated logout).
      async jwt({ token, account, profile }) {
        if (!account) return token;
        // A console session this browser already had ends as the new one opens, so the replaced cookie leaves nothing open.
        const previous = await readSessionSecret("staff", (await cookies()).get(sessionToken.name)?.value);
        if (previous) await signOutSession(db(), "staff", previous, await requestMetadata());
        const secret = await openStaffSession(db(), claimsOf(profile), await requestMetadata());
        if (!secret) throw new AuthError("This identity is no longer on the staff list.");
        return { portal: "staff", sid: secret, ...(account.id_token ? { idt: account.id_token } : {}) };
      },
    },
    logger: {
      error(error) {
        if (error instanceof AuthError && error.type === "AccessDenied") return; // a refused identity: audited, not a server error
        console.error("[auth:staff]", error);
      },
      warn(code) {
        console.warn(`[auth:staff] ${code}`);
      },
      debug() {},
    },
  };
}

const INSTANCES = {
  mypatients: NextAuth(() => portalConfig("mypatients")),
  mychildren: NextAuth(() => portalConfig("mychildren")),
  staff: NextAuth(() => staffConfig()),
} satisfies Record<PortalId, unknown>;

/** next-auth's route handlers for the staff console's sign-in (the identity provider's callback). */
export const staffAuthHandlers = INSTANCES.staff.handlers;

export type PasswordSignInResult = "signed-in" | "refused" | "unavailable" | "second-step";

/**
 * Signs in to `portal` (input validated by signInSchema) and sets the portal's cookie. A session
 * this browser already had in the portal is ended first, so a replaced cookie leaves nothing open.
 */
export async function passwordSignIn(portal: PasswordPortalId, input: { email: string; password: string }): Promise<PasswordSignInResult> {
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

/**
 * Ends the browser's session in `portal`: revokes its row (audited) and clears the cookie. For the
 * staff console, returns the ID token the session was opened with (for RP-initiated logout).
 */
export async function endCurrentSession(portal: PortalId): Promise<{ idToken: string | null }> {
  const cookieName = sessionCookie(portal).name;
  const value = (await cookies()).get(cookieName)?.value;
  if (!value) return { idToken: null };
  const secret = await readSessionSecret(portal, value);
  if (secret) await signOutSession(db(), portal, secret, await requestMetadata());
  await INSTANCES[portal].signOut({ redirect: false });
  return { idToken: portal === "staff" ? await readStaffIdToken(value) : null };
}

/**
 * Starts single sign-on at the hospital's identity provider (a redirect there), to come back to
 * `returnTo` (a checked path of the console), or says it cannot.
 */
export async function staffSignIn(returnTo: string = PORTALS.staff.home): Promise<"not-configured"> {
  if (!staffIdentityProvider()) return "not-configured";
  // A session this browser already had in the console ends when the new one opens (the jwt callback).
  await INSTANCES.staff.signIn(STAFF_PROVIDER_ID, { redirectTo: returnTo });
  // next-auth redirects to the identity provider (by throwing Next.js' redirect); never reached.
  redirect(PORTALS.staff.login);
}

let discovered: { issuer: string; endSession: string | null; at: number } | undefined;

/** The identity provider's end_session_endpoint (from its discovery document), or null without one. */
async function endSessionEndpoint(issuer: string): Promise<string | null> {
  if (discovered && discovered.issuer === issuer && Date.now() - discovered.at < 60 * 60_000) return discovered.endSession;
  try {
    const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
    const document = (await response.json()) as { end_session_endpoint?: unknown };
    const endSession = typeof document.end_session_endpoint === "string" ? document.end_session_endpoint : null;
    discovered = { issuer, endSession, at: Date.now() };
    return endSession;
  } catch {
    return null; // the app session has ended anyway; the identity provider's may outlive it
  }
}

/**
 * Signs out of the staff console: the session row is revoked (audited) and the cookie cleared;
 * then, for a session opened at the identity provider and where it supports RP-initiated logout,
 * the address that ends the session there too and comes back to the console's sign-in page.
 * Otherwise that page.
 */
export async function staffSignOut(): Promise<string> {
  const { idToken } = await endCurrentSession("staff");
  const idp = staffIdentityProvider();
  const back = new URL(PORTALS.staff.login, env().APP_URL).toString();
  if (!idp || !idToken) return PORTALS.staff.login;
  const endpoint = await endSessionEndpoint(idp.issuer);
  if (!endpoint) return `${PORTALS.staff.login}?signed-out=1`;
  const url = new URL(endpoint);
  url.searchParams.set("client_id", idp.clientId);
  url.searchParams.set("post_logout_redirect_uri", back);
  if (idToken) url.searchParams.set("id_token_hint", idToken);
  return url.toString();
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
