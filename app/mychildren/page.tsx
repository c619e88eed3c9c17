import type { Metadata } from "next";
import { requireFamilyAccount } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "MyChildren's" };

export default async function MyChildrenHome() {
  const account = await requireFamilyAccount();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">MyChildren&apos;s</h1>
      <p className="mt-1 text-sm text-slate-600">Signed in as {account.fullName}</p>
      <p className="mt-3 max-w-2xl text-slate-700">
        The hospital&apos;s portal for patients and families. Decide which providers outside your primary care
        practice may see a record, answer their requests, invite a provider, and see who looked.
      </p>
    </>
  );
}
