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

describe("parseEnv: email delivery (SPEC §6)", () => {
  const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/mypatients" };

  it("keeps the development mailbox off by default", () => {
    expect(parseEnv(base).DEV_MAILBOX).toBe(false);
  });

  it("refuses the development mailbox and RESEND_API_KEY together", () => {
    expect(() => parseEnv({ ...base, DEV_MAILBOX: "true", RESEND_API_KEY: "re_123" })).toThrowError(/DEV_MAILBOX and RESEND_API_KEY are both set/);
  });

  it("refuses to start in production with neither the mailbox nor Resend", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrowError(/RESEND_API_KEY is required in production/);
    expect(parseEnv({ ...base, NODE_ENV: "production", RESEND_API_KEY: "re_123" }).RESEND_API_KEY).toBe("re_123");
    expect(parseEnv({ ...base, NODE_ENV: "production", DEV_MAILBOX: "true" }).DEV_MAILBOX).toBe(true);
  });

  it("keeps the development mailbox to this machine", () => {
    expect(() => parseEnv({ ...base, DEV_MAILBOX: "true", APP_URL: "https://portal.hospital.example" })).toThrowError(/DEV_MAILBOX is for this machine only/);
    expect(parseEnv({ ...base, DEV_MAILBOX: "true", APP_URL: "http://127.0.0.1:3000" }).DEV_MAILBOX).toBe(true);
  });

  it("treats empty variables as unset", () => {
    const env = parseEnv({ ...base, RESEND_API_KEY: "", RESEND_BASE_URL: "", DEV_MAILBOX: "" });
    expect(env.DEV_MAILBOX).toBe(false);
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.RESEND_BASE_URL).toBeUndefined();
  });

  it("names a malformed mailbox flag", () => {
    expect(() => parseEnv({ ...base, DEV_MAILBOX: "perhaps" })).toThrowError(/DEV_MAILBOX must be "true" or "false"/);
  });
});
