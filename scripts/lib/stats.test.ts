import { describe, expect, it } from "vitest";
import { median, spreadWithinRounds } from "./stats.ts";

describe("median", () => {
  it("is the middle value, or the mean of the two middle values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("spreadWithinRounds", () => {
  it("does not read a machine that slows down between rounds as a cost that grows with the data", () => {
    // Three sizes costing the same, in rounds 20 % and 40 % slower than the first.
    const spread = spreadWithinRounds([
      [2.0, 2.4, 2.8],
      [2.0, 2.4, 2.8],
      [2.0, 2.4, 2.8],
    ]);
    expect(spread).toBeCloseTo(0, 10);
  });

  it("leaves out the extra cost of the size measured first, which turns round by round", () => {
    const spread = spreadWithinRounds([
      [2.6, 2.0, 2.0],
      [2.0, 2.6, 2.0],
      [2.0, 2.0, 2.6],
    ]);
    expect(spread).toBeCloseTo(0, 10);
  });

  it("shows a size that costs more in every round, whatever the machine's speed", () => {
    const spread = spreadWithinRounds([
      [2.0, 3.0, 2.2],
      [2.0, 3.0, 2.2],
      [2.4, 3.6, 2.64],
    ]);
    expect(spread).toBeCloseTo(0.2, 10);
  });

  it("refuses sizes measured in different numbers of rounds", () => {
    expect(() => spreadWithinRounds([[1, 2], [1]])).toThrow("Every size needs a cost in every round.");
  });
});
