import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/email/sender";

describe("retryDelayMs", () => {
  it("doubles with each attempt and stays between half and all of that ceiling", () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1_000, 60_000, low))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1_000, 60_000, high))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it("never exceeds the maximum delay", () => {
    expect(retryDelayMs(30, 1_000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, 1_000, 60_000, () => 0)).toBe(30_000);
  });

  it("spreads retries of emails that failed together (jitter)", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(3, 1_000, 60_000, Math.random)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
