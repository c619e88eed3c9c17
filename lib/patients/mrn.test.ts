import { describe, expect, it } from "vitest";
import { isMrn } from "./mrn";

describe("isMrn", () => {
  it("takes 1 to 20 digits and nothing else", () => {
    for (const mrn of ["1", "1000001", "1".repeat(20)]) expect(isMrn(mrn), mrn).toBe(true);
    for (const value of ["", "1".repeat(21), "12a", " 1000001", "1000001\n", "-1", "1e6", "１２３"]) expect(isMrn(value), JSON.stringify(value)).toBe(false);
  });
});
