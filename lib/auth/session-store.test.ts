import { describe, expect, it } from "vitest";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, sessionState } from "./session-store";

const signedIn = new Date("2026-03-01T08:00:00Z");
const after = (ms: number) => new Date(signedIn.getTime() + ms);
const row = { revokedAt: null, expiresAt: after(ABSOLUTE_TIMEOUT_MS), lastSeenAt: signedIn };

describe("sessionState", () => {
  it("is active until 30 minutes without a request", () => {
    expect(sessionState(row, after(IDLE_TIMEOUT_MS - 1))).toBe("active");
    expect(sessionState(row, after(IDLE_TIMEOUT_MS))).toBe("idle");
  });

  it("expires 12 hours after sign-in however active the user is", () => {
    const busy = { ...row, lastSeenAt: after(ABSOLUTE_TIMEOUT_MS - 1000) };
    expect(sessionState(busy, after(ABSOLUTE_TIMEOUT_MS - 1))).toBe("active");
    expect(sessionState(busy, after(ABSOLUTE_TIMEOUT_MS))).toBe("expired");
  });

  it("is over once revoked", () => {
    expect(sessionState({ ...row, revokedAt: after(1) }, after(2))).toBe("revoked");
  });
});
