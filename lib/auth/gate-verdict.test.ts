import { describe, expect, it } from "vitest";
import { readVerdict, signVerdict, VERDICT_LIFETIME_MS } from "@/lib/auth/gate-verdict";
import type { ProviderPrincipal } from "@/lib/auth/session-store";
import { parseEnv } from "@/lib/env";

const base = { DATABASE_URL: "postgresql://localhost/test", APP_URL: "http://localhost:3000", DEV_MAILBOX: "true" };
const config = parseEnv({ ...base, AUTH_SECRET: "a".repeat(32) });
const otherDeployment = parseEnv({ ...base, AUTH_SECRET: "b".repeat(32) });
const withoutSecret = parseEnv(base);
const checkedAt = new Date("2026-12-01T10:00:00Z");
const later = (ms: number) => new Date(checkedAt.getTime() + ms);
const provider: ProviderPrincipal = {
  portal: "mypatients",
  sessionId: "3f1c5a52-7a3e-4d2b-9d55-1d7c6b1e2a01",
  providerId: "0b6f3f1e-3b8a-4f0b-8a52-6a3d1c9e7f10",
  fullName: "Dr. Ana Reyes",
  email: "pcp@longwood.example",
  practiceId: "8c2d4e6f-1a3b-4c5d-9e7f-0a1b2c3d4e5f",
  membership: "APPROVED",
  siteAdmin: false,
};
const SESSION = "session secret of the cookie";

// The record gate's verdict (decision 021): the page takes the provider from it only when proxy.ts
// signed it, a moment ago, for the session of the page's own cookie.
describe("the record gate's verdict", () => {
  it("hands the page the provider the gate checked, for the same session, within its lifetime", () => {
    const verdict = signVerdict(provider, SESSION, checkedAt, config);
    expect(readVerdict(verdict, SESSION, checkedAt, config)).toEqual(provider);
    expect(readVerdict(verdict, SESSION, later(VERDICT_LIFETIME_MS), config)).toEqual(provider);
  });

  it("is ignored once stale, or dated after the page's clock", () => {
    const verdict = signVerdict(provider, SESSION, checkedAt, config);
    expect(readVerdict(verdict, SESSION, later(VERDICT_LIFETIME_MS + 1), config)).toBeNull();
    expect(readVerdict(verdict, SESSION, later(-1), config)).toBeNull();
  });

  it("is ignored with another session's cookie, or under another deployment's key", () => {
    const verdict = signVerdict(provider, SESSION, checkedAt, config);
    expect(readVerdict(verdict, "another session's secret", checkedAt, config)).toBeNull();
    expect(readVerdict(verdict, SESSION, checkedAt, otherDeployment)).toBeNull();
  });

  it("is neither signed nor read without AUTH_SECRET, whose development stand-in is public", () => {
    expect(signVerdict(provider, SESSION, checkedAt, withoutSecret)).toBeNull();
    expect(readVerdict(signVerdict(provider, SESSION, checkedAt, config), SESSION, checkedAt, withoutSecret)).toBeNull();
  });

  it("cannot be forged or altered: another provider, a later date, a changed signature", () => {
    const [, signature] = signVerdict(provider, SESSION, checkedAt, config)!.split(".");
    const payloadOf = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    // Someone else's identity, or a fresh date, under the signature of a real verdict.
    const someoneElse = payloadOf({ principal: { ...provider, providerId: "5d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a", siteAdmin: true }, checkedAt: checkedAt.getTime() });
    expect(readVerdict(`${someoneElse}.${signature}`, SESSION, checkedAt, config)).toBeNull();
    const refreshed = payloadOf({ principal: provider, checkedAt: later(60_000).getTime() });
    expect(readVerdict(`${refreshed}.${signature}`, SESSION, later(60_000), config)).toBeNull();
    // A changed signature, none, or not a verdict at all.
    const [payload] = signVerdict(provider, SESSION, checkedAt, config)!.split(".");
    const changed = `${signature!.startsWith("A") ? "B" : "A"}${signature!.slice(1)}`;
    expect(readVerdict(`${payload}.${changed}`, SESSION, checkedAt, config)).toBeNull();
    for (const value of [null, "", ".", "abc", `${someoneElse}.`, `${someoneElse}.${signature}.extra`, "not base64!.not base64!"]) {
      expect(readVerdict(value, SESSION, checkedAt, config)).toBeNull();
    }
  });
});
