/**
 * The pages whose address carries a secret (an emailed verification or reset link): no Referer is
 * ever sent from them, not even to this site (SPEC §7: no-referrer on pages that carry tokens).
 * Every other page sends its address only to this site (same-origin), never to another: a form
 * posted without JavaScript then carries its Origin, which Next.js checks before running a
 * server action. A form on these pages needs JavaScript.
 */
export const SECRET_LINK_PAGES = ["/mypatients/verify-email", "/mypatients/reset-password", "/mychildren/reset-password"] as const;

/** A fresh nonce for one response's scripts. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The Content-Security-Policy of a page: scripts only from this origin with this response's
 * nonce, nothing framed, forms posted only here. Development needs eval for fast refresh.
 */
export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
