// Invitation tokens (SPEC §7): 80 random bits in Crockford base32, shown grouped like
// ABCD-EFGH-JKMN-PQRS, stored only as a SHA-256 hash of the normalized form.
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const TOKEN_LENGTH = 16; // 16 symbols × 5 bits = 80 bits

/** A new token, grouped in fours. */
export function generateToken(): string {
  const bytes = randomBytes(TOKEN_LENGTH);
  // Each byte's low 5 bits pick a symbol: 32 divides 256, so every symbol is equally likely.
  const symbols = Array.from(bytes, (byte) => ALPHABET[byte & 31]).join("");
  return symbols.match(/.{4}/g)!.join("-");
}

/**
 * The canonical form of what someone typed: case, dashes and spaces ignored, and the
 * letters Crockford base32 reads as digits (I and L as 1, O as 0) mapped. Null when it cannot
 * be a token at all.
 */
export function normalizeToken(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return compact.length === TOKEN_LENGTH && [...compact].every((symbol) => ALPHABET.includes(symbol)) ? compact : null;
}

/** The stored form of a normalized token. */
export function hashToken(normalized: string): string {
  return createHash("sha256").update(normalized, "utf8").digest("hex");
}
