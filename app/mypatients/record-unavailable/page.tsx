import { notFound } from "next/navigation";
import { requireProvider } from "@/lib/auth/current-user";

// Where proxy.ts sends a record the provider may not open: the portal's ordinary "not found".
export default async function RecordUnavailable() {
  await requireProvider();
  notFound();
}
