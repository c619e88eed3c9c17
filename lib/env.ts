// The environment, validated once with zod. The server validates it at start-up
// (instrumentation.ts) and stops with a message naming each bad variable.
import { z } from "zod";

const postgresUrl = z
  .string({ error: "is required (a postgresql:// connection string)" })
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), "must be a postgresql:// connection string");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl,
  /** Size of each app instance's connection pool. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** The public address of the app, used to build absolute links in emails. */
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).default("http://localhost:3000"),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/** Parses `source`; throws an EnvError naming every missing or malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new EnvError(`Invalid configuration: ${problems.join("; ")}. See .env.example.`);
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use, then cached). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
