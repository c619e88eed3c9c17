import { notFound } from "next/navigation";
import { requireProvider } from "@/lib/auth/current-user";
import { endedAccess } from "@/lib/grants/shared";
import { EndedAccess } from "../ended-access";

// Where proxy.ts sends a record the provider may not open: the portal's ordinary "not found", except
// for a provider who held a grant for this patient that ended, who is told when it ended.
export default async function RecordUnavailable({ searchParams }: { searchParams: Promise<{ mrn?: string | string[] }> }) {
  const provider = await requireProvider();
  const { mrn } = await searchParams;
  const ended = typeof mrn === "string" ? await endedAccess(provider.providerId, mrn) : null;
  if (!ended) notFound();
  return <EndedAccess provider={provider} ended={ended} />;
}
