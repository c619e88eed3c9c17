// Where a request came from, for the audit trail. Behind a reverse proxy the client is the first
// address of X-Forwarded-For (the proxy must overwrite, not append to, what the client sent).
import { headers } from "next/headers";
import type { RequestMetadata } from "@/lib/audit/record";

export function metadataFromHeaders(source: Headers): RequestMetadata {
  const forwarded = source.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || source.get("x-real-ip") || null, userAgent: source.get("user-agent") };
}

/** The metadata of the request being handled (server components and server actions). */
export async function requestMetadata(): Promise<RequestMetadata> {
  return metadataFromHeaders(await headers());
}
