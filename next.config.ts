import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { SECRET_LINK_PAGES } from "./lib/http/security-headers";

const isProduction = process.env.NODE_ENV === "production";

// Headers that are the same on every response. The Content-Security-Policy carries a
// per-request nonce, so proxy.ts sets it (lib/http/security-headers.ts).
const staticHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // No page's address ever leaves the site; pages whose address holds a secret send none at all (below).
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The build checks the app's own code; `npm run typecheck` checks everything, tests included.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  reactStrictMode: true,
  // Native and WASM packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@prisma/schema-engine-wasm"],
  async headers() {
    // A later rule's value of the same header wins.
    return [{ source: "/:path*", headers: staticHeaders }, ...SECRET_LINK_PAGES.map((page) => ({ source: page, headers: [{ key: "Referrer-Policy", value: "no-referrer" }] }))];
  },
};

// next-intl without locales in URLs: lib/i18n/request.ts decides each request's language (decision 013).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
