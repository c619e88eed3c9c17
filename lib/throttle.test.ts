import { describe, expect, it } from "vitest";
import { SIGN_IN_RULE } from "@/lib/auth/lockout";
import { lockedUntil as lockedUntilFor } from "@/lib/throttle";

const lockedUntil = (failures: Date[], now: Date) => lockedUntilFor(SIGN_IN_RULE, failures, now);

const T0 = new Date("2026-03-01T10:00:00Z").getTime();
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe("lockedUntil (the sign-in rule: 10 failures in 15 minutes lock for 15 minutes)", () => {
  it("stays open below 10 failures", () => {
    const failures = Array.from({ length: 9 }, (_, i) => at(i / 10));
    expect(lockedUntil(failures, at(1))).toBeNull();
  });

  it("locks for 15 minutes from the tenth failure within 15 minutes", () => {
    const failures = Array.from({ length: 10 }, (_, i) => at(i)); // 0..9 minutes
    expect(lockedUntil(failures, at(9))).toEqual(at(24));
    expect(lockedUntil(failures, at(23.99))).toEqual(at(24));
    expect(lockedUntil(failures, at(24))).toBeNull();
  });

  it("does not lock when the 10 failures span 15 minutes or more", () => {
    const failures = [at(0), ...Array.from({ length: 9 }, (_, i) => at(15 + i / 10))];
    expect(lockedUntil(failures, at(16))).toBeNull();
  });

  it("does not care about the order it is given", () => {
    const failures = Array.from({ length: 10 }, (_, i) => at(9 - i));
    expect(lockedUntil(failures, at(10))).toEqual(at(24));
  });
});
