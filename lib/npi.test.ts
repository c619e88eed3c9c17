import { describe, it, expect } from "vitest";
import { isValidNpi, npiCheckDigit } from "./npi";

describe("npiCheckDigit", () => {
  it("computes the check digit of known NPIs", () => {
    expect(npiCheckDigit("123456789")).toBe("3"); // 1234567893, the CMS example
    expect(npiCheckDigit("124531959")).toBe("9"); // 1245319599, another published example
    expect(npiCheckDigit("200000000")).toBe("2");
  });

  it("rejects bases that are not nine digits", () => {
    expect(() => npiCheckDigit("12345678")).toThrow();
    expect(() => npiCheckDigit("12345678a")).toThrow();
  });
});

describe("isValidNpi", () => {
  it("accepts valid NPIs", () => {
    expect(isValidNpi("1234567893")).toBe(true);
    expect(isValidNpi("1245319599")).toBe(true);
  });

  it("rejects a wrong check digit", () => {
    expect(isValidNpi("1234567890")).toBe(false);
    expect(isValidNpi("1234567894")).toBe(false);
  });

  it("rejects malformed input", () => {
    expect(isValidNpi("")).toBe(false);
    expect(isValidNpi("123456789")).toBe(false);
    expect(isValidNpi("12345678930")).toBe(false);
    expect(isValidNpi("12345678a3")).toBe(false);
    expect(isValidNpi(" 1234567893")).toBe(false);
  });
});
