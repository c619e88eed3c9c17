// Where a request came from, for the audit trail and the per-address rate limits. Each reverse
// proxy in front of the app appends the address it was reached from to X-Forwarded-For, so only the
// rightmost TRUSTED_PROXY_HOPS entries were written by someone we trust; everything left of them was
// written by the client. The client's address is the entry that many places from the right.
import { headers } from "next/headers";
import type { RequestMetadata } from "@/lib/audit/record";
import { env } from "@/lib/env";

/**
 * The client's address given X-Forwarded-For and the number of trusted proxies. With fewer entries
 * than trusted proxies (a request that did not come through all of them) the leftmost is used.
 * With no proxy (0) it is the rightmost entry: the one Next.js writes from the connection.
 */
export function clientAddress(forwardedFor: string | null, trustedHops: number): string | null {
  const entries = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - Math.max(1, trustedHops))] ?? null;
}

export function metadataFromHeaders(source: Headers, trustedHops: number = env().TRUSTED_PROXY_HOPS): RequestMetadata {
  return { ip: clientAddress(source.get("x-forwarded-for"), trustedHops), userAgent: source.get("user-agent") };
}

/** The metadata of the request being handled (server components and server actions). */
export async function requestMetadata(): Promise<RequestMetadata> {
  return metadataFromHeaders(await headers());
}
