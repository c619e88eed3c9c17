// Where to send a user after sign-in. The path comes from the query string, so it is
// attacker-controlled: only a same-site path inside the portal that is signing in is honoured,
// anything else (other sites, protocol-relative or backslash tricks, the other portal, the
// sign-in pages themselves) falls back to the portal's home page.
import { isPublicPortalPath, PORTALS, portalOfPath, type PortalId } from "@/lib/auth/portals";

const PLACEHOLDER_ORIGIN = "http://return-path.invalid";
const MAX_LENGTH = 2_000;

/** The normalized path and query of `value` when it is a safe destination in `portal`, else null. */
export function safeReturnPath(portal: PortalId, value: unknown): string | null {
  const path = portalPagePath(portal, value);
  return path && !isPublicPortalPath(path.split("?")[0]!) ? path : null;
}

/**
 * The normalized path and query of `value` when it is a same-site page of `portal`, its sign-in
 * and other public pages included (where the language switcher returns to), else null.
 */
export function portalPagePath(portal: PortalId, value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  // A relative path: one leading slash, and no second slash or backslash that a browser would
  // read as the start of another host ("//evil", "/\evil").
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // No backslashes, whitespace or control characters anywhere: browsers drop or rewrite them.
  if (/[\\\s\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null;
  if (portalOfPath(url.pathname) !== portal) return null;
  return `${url.pathname}${url.search}`;
}

/** Where to land after signing in to `portal`: the requested path when safe, else the home page. */
export function returnPathOrHome(portal: PortalId, value: unknown): string {
  return safeReturnPath(portal, value) ?? PORTALS[portal].home;
}

/** `path` (a MyPatients page such as registration) carrying `next` when there is one. */
export function withReturnPath(path: string, next: string | null): string {
  return next ? `${path}?${new URLSearchParams({ next }).toString()}` : path;
}
