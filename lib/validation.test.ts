import { describe, expect, it } from "vitest";
import { z } from "zod";
import { confirmTwoStepSchema, registrationSchema, secondStepSchema, signInSchema } from "@/lib/auth/validation";
import { familyRegistrationInput } from "@/lib/family/activation";
import { npiCheckDigit } from "@/lib/npi";
import { invitationInput } from "@/lib/tokens/issue";
import { emailAddress, freeText, mrn, mypatientsReturnPath, newPassword, npi, optionalMrn, pastDate, personName } from "@/lib/validation";

const firstMessages = (error: z.ZodError) => Object.fromEntries(Object.entries(z.flattenError(error).fieldErrors).map(([field, messages]) => [field, (messages as string[])[0]]));

describe("email addresses", () => {
  it("are trimmed before the format is checked, then lower-cased", () => {
    expect(emailAddress().parse("  Parent@Family.Example \n")).toBe("parent@family.example");
  });

  it("are read the same way by every form that takes one", () => {
    const typed = "  Ana.Lima@Clinic.Example ";
    expect(signInSchema.shape.email.parse(typed)).toBe("ana.lima@clinic.example");
    for (const form of registrationSchema.options) expect(form.shape.email.parse(typed)).toBe("ana.lima@clinic.example");
    expect(familyRegistrationInput.shape.email.parse(typed)).toBe("ana.lima@clinic.example");
    expect(invitationInput.shape.providerEmail.parse(typed)).toBe("ana.lima@clinic.example");
  });

  it("say what is missing or wrong", () => {
    expect(emailAddress().safeParse("").error?.issues[0]?.message).toBe("Enter your email address.");
    expect(emailAddress().safeParse("not-an-email").error?.issues[0]?.message).toBe("Enter a valid email address.");
    expect(emailAddress().safeParse(`${"a".repeat(250)}@x.example`).success).toBe(false);
  });
});

describe("the password rule (SPEC §7), the same in both portals", () => {
  it("needs at least 12 characters and nothing else", () => {
    expect(newPassword.safeParse("a".repeat(11)).success).toBe(false);
    expect(newPassword.safeParse("a".repeat(12)).success).toBe(true);
    expect(newPassword.safeParse("correct horse battery staple").success).toBe(true);
    expect(newPassword.safeParse("alllowercase").success).toBe(true);
  });

  it("counts characters as people do (code points, not UTF-16 units), and never trims", () => {
    expect(newPassword.safeParse("🙂".repeat(11)).success).toBe(false); // 22 UTF-16 units, 11 characters
    expect(newPassword.safeParse("🙂".repeat(12)).success).toBe(true);
    expect(newPassword.safeParse("🙂".repeat(256)).success).toBe(true); // 512 UTF-16 units
    expect(newPassword.safeParse(" short pass ").success).toBe(true); // 12 with its spaces
    expect(newPassword.parse("  spaces kept  ")).toBe("  spaces kept  ");
  });

  it("refuses passwords over 256 characters (hashing them would be a denial of service)", () => {
    expect(newPassword.safeParse("a".repeat(257)).error?.issues[0]?.message).toBe("Use at most 256 characters.");
    expect(newPassword.safeParse("short").error?.issues[0]?.message).toBe("Use at least 12 characters.");
  });

  it("is the rule of provider registration and of MyChildren's registration alike", () => {
    for (const form of registrationSchema.options) expect(form.shape.password).toBe(newPassword);
    expect(familyRegistrationInput.shape.password).toBe(newPassword);
  });
});

describe("the other fields", () => {
  it("MRNs are 1 to 20 digits, trimmed", () => {
    expect(mrn().parse(" 1000001 ")).toBe("1000001");
    for (const value of ["", "12a", "1".repeat(21), "-1"]) expect(mrn().safeParse(value).success, value).toBe(false);
    expect(optionalMrn().parse("")).toBe("");
    expect(optionalMrn().safeParse("12a").success).toBe(false);
  });

  it("names are trimmed, required, bounded and free of control characters", () => {
    expect(personName().parse("  Dr. Ana Lima ")).toBe("Dr. Ana Lima");
    expect(personName().safeParse(" ").error?.issues[0]?.message).toBe("Enter your full name.");
    expect(personName().safeParse("x".repeat(201)).success).toBe(false);
    expect(personName().safeParse("Ana\u0000").error?.issues[0]?.message).toBe("Remove the special characters from this field.");
  });

  it("free text is optional, trimmed and bounded", () => {
    expect(freeText(500).parse("  Murmur follow-up ")).toBe("Murmur follow-up");
    expect(freeText(500).parse("")).toBe("");
    expect(freeText(5, "Too long.").safeParse("123456").error?.issues[0]?.message).toBe("Too long.");
    expect(freeText(500).safeParse("line\u0007").success).toBe(false);
  });

  it("dates are real calendar dates, not in the future, or left empty", () => {
    expect(pastDate().parse("2018-03-14")).toBe("2018-03-14");
    expect(pastDate().parse("")).toBe("");
    expect(pastDate().safeParse("2018-02-30").error?.issues[0]?.message).toBe("Enter a real date.");
    expect(pastDate().safeParse("14/03/2018").success).toBe(false);
    expect(pastDate().safeParse("2999-01-01").error?.issues[0]?.message).toBe("The date cannot be in the future.");
  });

  it("NPIs have 10 digits and a valid Luhn check digit", () => {
    const valid = `123456789${npiCheckDigit("123456789")}`;
    expect(npi.parse(` ${valid} `)).toBe(valid);
    expect(npi.safeParse("12345").error?.issues[0]?.message).toBe("Enter your 10-digit NPI.");
    expect(npi.safeParse("1234567890").error?.issues[0]?.message).toBe("This is not a valid NPI: check the digits.");
  });
});

describe("the sign-in and registration forms", () => {
  it("sign-in normalizes the email and keeps the password as typed", () => {
    expect(signInSchema.parse({ email: "  PCP@Longwood.Example ", password: " pw " })).toEqual({ email: "pcp@longwood.example", password: " pw " });
    expect(firstMessages(signInSchema.safeParse({ email: "not-an-email", password: "" }).error!)).toEqual({ email: "Enter a valid email address.", password: "Enter your password." });
  });

  it("registration accepts a complete form, and reports every field at once, one message each", () => {
    const valid = { intent: "register", notListed: "", fullName: " Dr. Ana Lima ", email: "Ana.Lima@Clinic.Example", npi: `123456789${npiCheckDigit("123456789")}`, practiceId: "5b8e0c1e-4f7a-4a8e-9a57-0e9f6f1d2c3b", password: "a long enough passphrase" };
    expect(registrationSchema.parse(valid)).toEqual({ ...valid, fullName: "Dr. Ana Lima", email: "ana.lima@clinic.example" });
    const result = registrationSchema.safeParse({ intent: "", notListed: "", fullName: "", email: "x", npi: "", practiceId: "", password: "short" });
    expect(Object.keys(firstMessages(result.error!)).sort()).toEqual(["email", "fullName", "npi", "password", "practiceId"]);
  });

  it("registration with a practice that is not listed needs its name, city and a phone number", () => {
    const person = { intent: "register", fullName: "Dr. Sam Okafor", email: "sam@jpfamily.example", npi: `123456789${npiCheckDigit("123456789")}`, password: "a long enough passphrase" };
    const result = registrationSchema.safeParse({ ...person, notListed: "on", practiceName: "", practiceCity: "", practicePhone: "12" });
    expect(firstMessages(result.error!)).toEqual({ practiceName: "Enter the practice's name.", practiceCity: "Enter the practice's city.", practicePhone: "Enter a phone number, for example 617-555-0100." });
    expect(registrationSchema.parse({ ...person, notListed: "on", practiceName: " Jamaica Plain Family Medicine ", practiceCity: "Jamaica Plain", practicePhone: "(617) 555-0193" })).toMatchObject({ practiceName: "Jamaica Plain Family Medicine", practicePhone: "(617) 555-0193" });
  });
});

describe("mypatientsReturnPath: where an invited provider goes after verifying and signing in", () => {
  const rule = mypatientsReturnPath();
  it("keeps a same-origin path inside MyPatients, with its query", () => {
    expect(rule.parse("/mypatients/validate-token?mrn=1000002")).toBe("/mypatients/validate-token?mrn=1000002");
  });

  it("drops anything that would leave MyPatients (never an open redirect), and nothing at all", () => {
    for (const value of ["https://evil.example/mypatients", "//evil.example", "/\\evil.example", "/mychildren", "/mypatients/login", "javascript:alert(1)", "/mypatients/x\nSet-Cookie: a=b", "", undefined]) {
      expect(rule.parse(value), String(value)).toBeNull();
    }
  });
});

describe("two-step sign-in codes", () => {
  it("take the 6 digits of an authenticator app, spaces dropped, and refuse anything else with a clear message", () => {
    expect(confirmTwoStepSchema.parse({ code: " 123 456 " })).toEqual({ code: "123456" });
    for (const code of ["12345", "1234567", "abcdef", "12345\u0000"]) {
      const parsed = confirmTwoStepSchema.safeParse({ code });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(firstMessages(parsed.error).code).toBe("Enter the 6 digits your authenticator app shows, like 123456.");
    }
    const missing = confirmTwoStepSchema.safeParse({ code: "" });
    expect(missing.success || firstMessages(missing.error).code).toBe("Enter the 6-digit code your authenticator app shows.");
  });

  it("at sign-in also take a recovery code, with or without its dash", () => {
    expect(secondStepSchema.parse({ code: "abcde-fghij", next: "" }).code).toBe("abcde-fghij");
    expect(secondStepSchema.parse({ code: "ABCDEFGHIJ", next: "" }).code).toBe("ABCDEFGHIJ");
    expect(secondStepSchema.parse({ code: "123 456", next: "" }).code).toBe("123456");
    expect(secondStepSchema.safeParse({ code: "abcde-fghij-k", next: "" }).success).toBe(false);
    expect(secondStepSchema.safeParse({ code: "<script>", next: "" }).success).toBe(false);
  });
});
