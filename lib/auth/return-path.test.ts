import { describe, expect, it } from "vitest";
import { portalPagePath, returnPathOrHome, safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a path inside the portal, with its query", () => {
    expect(safeReturnPath("mypatients", "/mypatients")).toBe("/mypatients");
    expect(safeReturnPath("mypatients", "/mypatients/patients/1000001")).toBe("/mypatients/patients/1000001");
    expect(safeReturnPath("mypatients", "/mypatients/validate-token?mrn=1000001")).toBe("/mypatients/validate-token?mrn=1000001");
    expect(safeReturnPath("mychildren", "/mychildren/requests/5b8e0c1e-4f7a-4a8e-9a57-0e9f6f1d2c3b")).toBe(
      "/mychildren/requests/5b8e0c1e-4f7a-4a8e-9a57-0e9f6f1d2c3b",
    );
  });

  it.each([
    ["//evil.example"],
    ["//evil.example/mypatients"],
    ["/\\evil.example"],
    ["/\\/evil.example/mypatients"],
    ["\\\\evil.example"],
    ["https://evil.example/mypatients"],
    ["http://localhost:3000/mypatients"],
    ["javascript:alert(1)"],
    ["mypatients"],
    ["/mypatients\\..\\..\\evil"],
    ["/\t/evil.example"],
    ["/mypatients\n/x"],
    [" /mypatients"],
  ])("refuses %j", (value) => {
    expect(safeReturnPath("mypatients", value)).toBeNull();
  });

  it("keeps a percent-encoded line break encoded, so it cannot split the redirect's headers", () => {
    expect(safeReturnPath("mypatients", "/mypatients/%0d%0aLocation:x")).toBe("/mypatients/%0d%0aLocation:x");
  });

  it("refuses the other portal, pages outside the portals and the sign-in pages themselves", () => {
    expect(safeReturnPath("mypatients", "/mychildren")).toBeNull();
    expect(safeReturnPath("mychildren", "/mypatients/patients/1000001")).toBeNull();
    expect(safeReturnPath("mypatients", "/mypatients/../mychildren")).toBeNull();
    expect(safeReturnPath("mypatients", "/dev/mailbox")).toBeNull();
    expect(safeReturnPath("mypatients", "/")).toBeNull();
    expect(safeReturnPath("mypatients", "/mypatientsx")).toBeNull();
    expect(safeReturnPath("mypatients", "/mypatients/login")).toBeNull();
    expect(safeReturnPath("mypatients", "/mypatients/register")).toBeNull();
  });

  it("refuses values that are not strings, empty or absurdly long", () => {
    expect(safeReturnPath("mypatients", undefined)).toBeNull();
    expect(safeReturnPath("mypatients", ["/mypatients"])).toBeNull();
    expect(safeReturnPath("mypatients", "")).toBeNull();
    expect(safeReturnPath("mypatients", `/mypatients/${"a".repeat(3000)}`)).toBeNull();
  });

  it("normalizes dot segments before deciding", () => {
    expect(safeReturnPath("mypatients", "/mypatients/requests/../patients/1000001")).toBe("/mypatients/patients/1000001");
  });
});

describe("returnPathOrHome", () => {
  it("falls back to the portal's home page", () => {
    expect(returnPathOrHome("mypatients", "//evil.example")).toBe("/mypatients");
    expect(returnPathOrHome("mychildren", null)).toBe("/mychildren");
    expect(returnPathOrHome("mypatients", "/mypatients/requests")).toBe("/mypatients/requests");
  });
});

describe("portalPagePath (where the language switcher returns to)", () => {
  it("keeps any page of the portal, its sign-in and other public pages included, with the query", () => {
    expect(portalPagePath("mychildren", "/mychildren/login")).toBe("/mychildren/login");
    expect(portalPagePath("mychildren", "/mychildren/reset-password?token=abc")).toBe("/mychildren/reset-password?token=abc");
    expect(portalPagePath("mychildren", "/mychildren/patients/1000001/sharing")).toBe("/mychildren/patients/1000001/sharing");
  });

  it("refuses other sites, the other portals, traversal out of the portal and anything that is not a path", () => {
    for (const value of ["//evil.example", "https://evil.example/mychildren", "/\\evil.example", "/mypatients", "/mychildren/../mypatients", "/staff", "mychildren", "", " /mychildren", "/mychildren\u0000", "x".repeat(3000), null, 42]) {
      expect(portalPagePath("mychildren", value), String(value)).toBeNull();
    }
  });

  it("leaves safeReturnPath refusing the public pages", () => {
    expect(safeReturnPath("mychildren", "/mychildren/login")).toBeNull();
  });
});
