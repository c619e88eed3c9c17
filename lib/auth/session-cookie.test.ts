import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { authSecret, encodeSessionCookie, readSessionSecret, SESSION_COOKIE_MAX_AGE_SECONDS, sessionCookie } from "./session-cookie";

const base = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x" };
const development = parseEnv(base);
const production = parseEnv({ ...base, NODE_ENV: "production", RESEND_API_KEY: "re_test", APP_URL: "https://portals.hospital.example", AUTH_SECRET: "s".repeat(32) });

describe("authSecret", () => {
  it("is required in production, except for a demo on the development mailbox", () => {
    expect(() => authSecret({ ...production, AUTH_SECRET: undefined })).toThrow(/AUTH_SECRET is required in production/);
    expect(authSecret({ ...production, AUTH_SECRET: undefined, RESEND_API_KEY: undefined, DEV_MAILBOX: true })).toMatch(/development/);
    expect(authSecret(production)).toBe("s".repeat(32));
    expect(authSecret(development)).toMatch(/development/);
  });

  it("must be long enough when set", () => {
    expect(() => parseEnv({ ...base, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });
});

describe("sessionCookie", () => {
  it("is httpOnly and SameSite=Lax, and Secure with the __Host- prefix in production", () => {
    expect(sessionCookie("mypatients", production)).toEqual({
      name: "__Host-mypatients.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
    expect(sessionCookie("mychildren", development)).toEqual({
      name: "mychildren.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
  });

  it("is not Secure for a production build served over http on this machine (demo, e2e)", () => {
    expect(sessionCookie("mypatients", { ...production, APP_URL: "http://localhost:3000" }).options.secure).toBe(false);
  });
});

describe("readSessionSecret", () => {
  const cookieFor = (portal: string, salt: string, secret = authSecret(development)) => encode({ token: { portal, sid: "the-session-secret" }, secret, salt });

  it("reads the session secret from a portal's own cookie", async () => {
    expect(await readSessionSecret("mypatients", await cookieFor("mypatients", "mypatients.session"), development)).toBe("the-session-secret");
  });

  it("opens nothing with the other portal's cookie, a forged one or garbage", async () => {
    expect(await readSessionSecret("mychildren", await cookieFor("mypatients", "mypatients.session"), development)).toBeNull();
    expect(await readSessionSecret("mychildren", await cookieFor("mypatients", "mychildren.session"), development)).toBeNull();
    expect(await readSessionSecret("mypatients", await cookieFor("mypatients", "mypatients.session", "another secret of enough length!!"), development)).toBeNull();
    expect(await readSessionSecret("mypatients", "not a jwt", development)).toBeNull();
    expect(await readSessionSecret("mypatients", undefined, development)).toBeNull();
  });

  it("reads a cookie again the same way, under another key or portal nothing, and after its expiry nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = await encode({ token: { portal: "mypatients", sid: "short-lived" }, secret: authSecret(development), salt: "mypatients.session", maxAge: 60 });
    expect(await readSessionSecret("mypatients", cookie, development)).toBe("short-lived");
    expect(await readSessionSecret("mypatients", cookie, development)).toBe("short-lived");
    // What was decrypted under one key or for one portal says nothing of another.
    expect(await readSessionSecret("mychildren", cookie, development)).toBeNull();
    expect(await readSessionSecret("mypatients", cookie, { ...development, AUTH_SECRET: "another secret of enough length!!" })).toBeNull();
    // next-auth allows 15 s of clock skew past the expiry.
    vi.setSystemTime(Date.now() + 76_000);
    expect(await readSessionSecret("mypatients", cookie, development)).toBeNull();
  });
});

describe("encodeSessionCookie", () => {
  it("makes a cookie that readSessionSecret reads back, for each portal, in development and in production", async () => {
    for (const config of [development, production]) {
      for (const portal of ["mypatients", "mychildren"] as const) {
        expect(await readSessionSecret(portal, await encodeSessionCookie(portal, `secret of ${portal}`, config), config)).toBe(`secret of ${portal}`);
      }
    }
  });

  it("makes a cookie that opens nothing in the other portal", async () => {
    expect(await readSessionSecret("mychildren", await encodeSessionCookie("mypatients", "a provider's session", development), development)).toBeNull();
    expect(await readSessionSecret("mypatients", await encodeSessionCookie("mychildren", "a family's session", production), production)).toBeNull();
  });

  it("makes a cookie that expires with the session's absolute lifetime, and not under another key", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = await encodeSessionCookie("mypatients", "twelve hours", development);
    expect(await readSessionSecret("mypatients", cookie, { ...development, AUTH_SECRET: "another secret of enough length!!" })).toBeNull();
    vi.setSystemTime(Date.now() + SESSION_COOKIE_MAX_AGE_SECONDS * 1000 - 60_000);
    expect(await readSessionSecret("mypatients", cookie, development)).toBe("twelve hours");
    // next-auth allows 15 s of clock skew past the expiry.
    vi.setSystemTime(Date.now() + 76_000);
    expect(await readSessionSecret("mypatients", cookie, development)).toBeNull();
  });
});

afterEach(() => {
  vi.useRealTimers();
});
