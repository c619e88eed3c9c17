// Random secrets for links and session cookies. Only their SHA-256 is ever stored, so a copy
// of the database opens no session and verifies no email.
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form of a secret: its SHA-256, hex. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** True when `value` has the shape of a secret made by newSecret. */
export function looksLikeSecret(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
