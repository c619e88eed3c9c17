import type { Metadata } from "next";
import { requireProvider } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "MyPatients" };

export default async function MyPatientsHome() {
  const provider = await requireProvider();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">MyPatients</h1>
      <p className="mt-1 text-sm text-slate-600">Signed in as {provider.fullName}</p>
      <p className="mt-3 max-w-2xl text-slate-700">
        The hospital&apos;s portal for community providers. Providers whose practice is a patient&apos;s primary
        care practice see that patient&apos;s record; specialists and other providers can ask the patient or
        guardian for access, or validate an invitation token the family sent them.
      </p>
    </>
  );
}
