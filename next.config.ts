import type { NextConfig } from "next";

const isProduction = process.env.NODE_ENV === "production";

// Headers that are the same on every response. The Content-Security-Policy carries a
// per-request nonce, so proxy.ts sets it (lib/http/security-headers.ts).
const staticHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  // Links in pages and emails may carry secrets (verification links, tokens): never leak them.
  { key: "Referrer-Policy", value: "no-referrer" },
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
    return [{ source: "/:path*", headers: staticHeaders }];
  },
};

export default nextConfig;
