// The portals (MyPatients, MyChildren's) and the hospital staff console: where they live, which of their pages are public, and where each signs in.
// Pure data and path logic, shared by proxy.ts, the pages and the session code.

/** The request header in which server.ts passes the requested path and query to the app. */
export const REQUEST_PATH_HEADER = "x-request-path";

export type PortalId = "mypatients" | "mychildren" | "staff";

/** The portals whose people sign in with a password here (staff sign in at the hospital's identity provider). */
export type PasswordPortalId = Exclude<PortalId, "staff">;

export interface PortalDefinition {
  id: PortalId;
  name: string;
  /** The signed-in home page; every page of the portal is under it. */
  home: string;
  login: string;
  /** Pages anyone may open without signing in. */
  publicPaths: readonly string[];
  /** The portal as stored on Session rows. */
  sessionPortal: "MYPATIENTS" | "MYCHILDRENS" | "STAFF";
}

export const PORTALS: Record<PortalId, PortalDefinition> = {
  mypatients: {
    id: "mypatients",
    name: "MyPatients",
    home: "/mypatients",
    login: "/mypatients/login",
    publicPaths: ["/mypatients/login", "/mypatients/register", "/mypatients/verify-email", "/mypatients/forgot-password", "/mypatients/reset-password", "/mypatients/two-step"],
    sessionPortal: "MYPATIENTS",
  },
  mychildren: {
    id: "mychildren",
    name: "MyChildren's",
    home: "/mychildren",
    login: "/mychildren/login",
    publicPaths: ["/mychildren/login", "/mychildren/register", "/mychildren/forgot-password", "/mychildren/reset-password"],
    sessionPortal: "MYCHILDRENS",
  },
  staff: {
    id: "staff",
    name: "Staff console",
    home: "/staff",
    login: "/staff/login",
    publicPaths: ["/staff/login"],
    sessionPortal: "STAFF",
  },
};

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** The portal a path belongs to, or null for pages outside the portals. */
export function portalOfPath(pathname: string): PortalId | null {
  for (const portal of Object.values(PORTALS)) if (isUnder(pathname, portal.home)) return portal.id;
  return null;
}

/** True for the pages of a portal that need no sign-in (sign-in, registration, email verification). */
export function isPublicPortalPath(pathname: string): boolean {
  const portal = portalOfPath(pathname);
  if (!portal) return false;
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return PORTALS[portal].publicPaths.includes(normalized);
}

/** The portal's sign-in page, remembering where the user was going (unless that is the home page). */
export function signInUrl(portal: PortalId, returnPath: string | null): string {
  const { login, home } = PORTALS[portal];
  if (!returnPath || returnPath === home) return login;
  return `${login}?${new URLSearchParams({ next: returnPath }).toString()}`;
}
