// The environment, validated once with zod. The server validates it at start-up
// (instrumentation.ts) and stops with a message naming each bad variable.
import { z } from "zod";

const postgresUrl = z
  .string({ error: "is required (a postgresql:// connection string)" })
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), "must be a postgresql:// connection string");

/** The time zone dates are shown in when APP_TIME_ZONE is not set. */
export const DEFAULT_TIME_ZONE = "America/New_York";

const flag = z.stringbool({ error: 'must be "true" or "false"' });

/** What pages and emails show that depends on configuration, readable on its own (lib/format.ts). */
const display = z.object({
  /** The time zone every date and time is shown in, in pages and emails (an IANA name). */
  APP_TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone, such as America/New_York"),
  /** The hospital's line for families without a MyChildren's account (shown in search results). */
  HOSPITAL_REFERRAL_LINE: z.string().trim().min(3).max(200).default("844-BCH-PEDS (844-224-7337)"),
});

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl,
    /** Size of each app instance's connection pool. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** The public address of the app, used to build absolute links in emails. */
    APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://localhost:3000"),
    /** Deliver emails to /dev/mailbox instead of Resend (demo and development only). */
    DEV_MAILBOX: flag.default(false),
    RESEND_API_KEY: z.string().min(1).optional(),
    /** Resend's API address; tests point it at a local capture server. */
    RESEND_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    /** The sender of every email, e.g. "Children's Hospital <no-reply@hospital.example>". */
    EMAIL_FROM: z.string().min(3).default("Children's Hospital <no-reply@localhost>"),
    /** Run the email sender inside each app process (off when `npm run worker` runs it instead). */
    EMAIL_SENDER_IN_APP: flag.default(true),
    /**
     * Encrypts the session cookies (at least 32 characters; `openssl rand -base64 32`). Required in
     * production unless DEV_MAILBOX marks a demo; elsewhere a fixed development value is used.
     */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    ...display.shape,
    /** Serve /api/baseline, the benchmark's constant route handler (set by `npm run bench` only). */
    BENCH_BASELINE: flag.default(false),
    /**
     * The hospital's OpenID Connect identity provider, for the staff console (SPEC §5b): its issuer
     * (discovery at <issuer>/.well-known/openid-configuration), and this app's client id and secret
     * there. The redirect URI to register is <APP_URL>/api/auth/staff/callback/hospital. Without
     * them the staff console's sign-in says it is not configured.
     */
    STAFF_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    STAFF_OIDC_CLIENT_ID: z.string().min(1).optional(),
    STAFF_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For. The client's address
     * is the entry that many places from the right (0: no proxy, the rightmost entry, which Next.js
     * fills in from the connection when the request has none). Never the leftmost, which the client writes.
     */
    /** Two-step sign-in is required of every provider (those without it enrol right after the password). */
    REQUIRE_TWO_STEP: flag.default(false),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  })
  .superRefine((value, context) => {
    if (value.DEV_MAILBOX && value.RESEND_API_KEY) {
      context.addIssue({ code: "custom", path: ["DEV_MAILBOX"], message: "and RESEND_API_KEY are both set: choose the development mailbox or Resend" });
    }
    // The mailbox shows every email, tokens included, to anyone who can open the page: this machine only.
    if (value.DEV_MAILBOX && !["localhost", "127.0.0.1", "[::1]"].includes(new URL(value.APP_URL).hostname)) {
      context.addIssue({ code: "custom", path: ["DEV_MAILBOX"], message: "is for this machine only: APP_URL must be on localhost when it is on" });
    }
    const staffOidc = [value.STAFF_OIDC_ISSUER, value.STAFF_OIDC_CLIENT_ID, value.STAFF_OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (staffOidc !== 0 && staffOidc !== 3) {
      context.addIssue({ code: "custom", path: ["STAFF_OIDC_ISSUER"], message: "STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET go together: set all three or none" });
    }
    if (value.NODE_ENV === "production" && !value.DEV_MAILBOX && !value.RESEND_API_KEY) {
      context.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required in production (or DEV_MAILBOX=true for a demo)" });
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Parses `source`; throws an EnvError naming every missing or malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`RESEND_API_KEY=` copied from .env.example) counts as unset.
  const result = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new EnvError(`Invalid configuration: ${problems.join("; ")}. See .env.example.`);
}

let cached: Env | undefined;
let cachedDisplay: z.infer<typeof display> | undefined;

/**
 * The display settings (APP_TIME_ZONE, HOSPITAL_REFERRAL_LINE) of this process: the same rules as
 * env(), without needing the rest of the configuration (domain code run by tests and scripts).
 */
export function displaySettings(): z.infer<typeof display> {
  if (cached) return cached;
  if (!cachedDisplay) {
    const result = display.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")));
    if (!result.success) throw new EnvError(`Invalid configuration: ${result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}. See .env.example.`);
    cachedDisplay = result.data;
  }
  return cachedDisplay;
}

/** The validated environment of this process (parsed on first use, then cached). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
