import type { Metadata } from "next";
import { PortalShell } from "@/app/_components/portal-shell";

export const metadata: Metadata = { title: "MyChildren's" };

export default function MyChildrenEntry() {
  return (
    <PortalShell portal="mychildren">
      <h1 className="text-2xl font-semibold tracking-tight">MyChildren&apos;s</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        The hospital&apos;s portal for patients and families. Decide which providers outside your primary care
        practice may see a record, answer their requests, invite a provider, and see who looked.
      </p>
    </PortalShell>
  );
}
