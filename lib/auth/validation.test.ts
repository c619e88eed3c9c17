import { describe, expect, it } from "vitest";
import { npiCheckDigit } from "@/lib/npi";
import { fieldErrors, passwordSchema, registrationSchema, signInSchema } from "./validation";

describe("the password rule (SPEC §7)", () => {
  it("needs at least 12 characters and nothing else", () => {
    expect(passwordSchema.safeParse("a".repeat(11)).success).toBe(false);
    expect(passwordSchema.safeParse("a".repeat(12)).success).toBe(true);
    expect(passwordSchema.safeParse("correct horse battery staple").success).toBe(true);
    expect(passwordSchema.safeParse("alllowercase").success).toBe(true);
  });

  it("counts characters as people do, and never trims", () => {
    expect(passwordSchema.safeParse("🙂".repeat(11)).success).toBe(false); // 22 UTF-16 units, 11 characters
    expect(passwordSchema.safeParse("🙂".repeat(12)).success).toBe(true);
    expect(passwordSchema.safeParse(" short pass ").success).toBe(true); // 12 with its spaces
    expect(passwordSchema.parse("  spaces kept  ")).toBe("  spaces kept  ");
  });

  it("says what is wrong", () => {
    const result = passwordSchema.safeParse("short");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Use at least 12 characters");
  });

  it("refuses absurdly long passwords (hashing them would be a denial of service)", () => {
    expect(passwordSchema.safeParse("a".repeat(257)).success).toBe(false);
  });
});

describe("signInSchema", () => {
  it("normalizes the email and keeps the password as typed", () => {
    expect(signInSchema.parse({ email: "  PCP@Longwood.Example ", password: " pw " })).toEqual({ email: "pcp@longwood.example", password: " pw " });
  });

  it("names each missing or malformed field", () => {
    const result = signInSchema.safeParse({ email: "not-an-email", password: "" });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({ email: "Enter a valid email address", password: "Enter your password" });
  });
});

describe("registrationSchema", () => {
  const valid = {
    fullName: " Dr. Ana Lima ",
    email: "Ana.Lima@Clinic.Example",
    npi: `123456789${npiCheckDigit("123456789")}`,
    practiceId: "5b8e0c1e-4f7a-4a8e-9a57-0e9f6f1d2c3b",
    password: "a long enough passphrase",
  };

  it("accepts a complete registration, trimmed and lower-cased", () => {
    expect(registrationSchema.parse(valid)).toEqual({ ...valid, fullName: "Dr. Ana Lima", email: "ana.lima@clinic.example" });
  });

  it("checks the NPI's length and its Luhn check digit", () => {
    const errors = (npi: string) => fieldErrors(registrationSchema.safeParse({ ...valid, npi }).error!);
    expect(errors("12345")).toEqual({ npi: "Enter your 10-digit NPI" });
    expect(errors("1234567890")).toEqual({ npi: "This is not a valid NPI: check the digits" });
    expect(registrationSchema.safeParse({ ...valid, npi: "1234567893" }).success).toBe(true);
  });

  it("reports every field at once, one message each", () => {
    const result = registrationSchema.safeParse({ fullName: "", email: "x", npi: "", practiceId: "", password: "short" });
    expect(Object.keys(fieldErrors(result.error!)).sort()).toEqual(["email", "fullName", "npi", "password", "practiceId"]);
  });
});
