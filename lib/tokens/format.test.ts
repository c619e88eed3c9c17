import { describe, expect, it } from "vitest";
import { generateToken, hashToken, normalizeToken } from "@/lib/tokens/format";

describe("invitation tokens", () => {
  it("are 16 Crockford base32 symbols (80 bits) grouped in fours", () => {
    const token = generateToken();
    expect(token).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(Array.from({ length: 200 }, generateToken)).size).toBe(200);
  });

  it("compare case-insensitively, ignoring dashes and spaces, reading I/L as 1 and O as 0", () => {
    expect(normalizeToken("abcd-efgh-jkmn-pqrs")).toBe("ABCDEFGHJKMNPQRS");
    expect(normalizeToken(" ABCD EFGH  JKMN-PQRS ")).toBe("ABCDEFGHJKMNPQRS");
    expect(normalizeToken("0I0L-0000-0000-0000")).toBe(normalizeToken("0101-0000-0000-0000"));
    expect(normalizeToken("O000-0000-0000-0000")).toBe("0000000000000000");
  });

  it("refuse anything that cannot be a token", () => {
    for (const input of ["", "ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN-PQRS-TVWX", "ABCD-EFGH-JKMN-PQRU", "ABCD;DROP TABLE", "ÅBCD-EFGH-JKMN-PQRS"]) {
      expect(normalizeToken(input), input).toBeNull();
    }
  });

  it("are stored as a hash of the normalized form", () => {
    expect(hashToken("ABCDEFGHJKMNPQRS")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(normalizeToken("abcd-efgh-jkmn-pqrs")!)).toBe(hashToken("ABCDEFGHJKMNPQRS"));
  });
});
