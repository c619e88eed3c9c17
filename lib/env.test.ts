import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  const valid = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/mypatients" };

  it("accepts a minimal configuration and fills in the defaults", () => {
    expect(parseEnv(valid)).toMatchObject({ APP_URL: "http://localhost:3000", DATABASE_POOL_SIZE: 10, NODE_ENV: "development" });
  });

  it("names a missing DATABASE_URL", () => {
    expect(() => parseEnv({})).toThrowError(new EnvError("Invalid configuration: DATABASE_URL is required (a postgresql:// connection string). See .env.example."));
  });

  it("names every malformed variable at once", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", APP_URL: "not a url", DATABASE_POOL_SIZE: "zero" })).toThrowError(
      /DATABASE_URL must be a postgresql:\/\/ connection string; DATABASE_POOL_SIZE .*; APP_URL must be an http\(s\) URL/,
    );
  });
});
