import { describe, expect, it } from "vitest";
import { isPublicPortalPath, portalOfPath, signInUrl } from "./portals";

describe("portals", () => {
  it("knows which portal a path belongs to", () => {
    expect(portalOfPath("/mypatients")).toBe("mypatients");
    expect(portalOfPath("/mypatients/patients/1000001")).toBe("mypatients");
    expect(portalOfPath("/mychildren/requests/x")).toBe("mychildren");
    expect(portalOfPath("/")).toBeNull();
    expect(portalOfPath("/mypatientsx")).toBeNull();
    expect(portalOfPath("/dev/mailbox")).toBeNull();
  });

  it("lists the public pages of each portal", () => {
    for (const path of ["/mypatients/login", "/mypatients/register", "/mypatients/verify-email", "/mychildren/login", "/mychildren/register", "/mypatients/login/"]) {
      expect(isPublicPortalPath(path), path).toBe(true);
    }
    for (const path of ["/mypatients", "/mypatients/validate-token", "/mychildren", "/mychildren/requests", "/mypatients/login/x"]) {
      expect(isPublicPortalPath(path), path).toBe(false);
    }
  });

  it("builds the sign-in URL with the return path, leaving out the home page", () => {
    expect(signInUrl("mypatients", "/mypatients/validate-token?mrn=1000001")).toBe("/mypatients/login?next=%2Fmypatients%2Fvalidate-token%3Fmrn%3D1000001");
    expect(signInUrl("mypatients", "/mypatients")).toBe("/mypatients/login");
    expect(signInUrl("mychildren", null)).toBe("/mychildren/login");
  });
});
