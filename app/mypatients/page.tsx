import type { Metadata } from "next";
import { requireProvider } from "@/lib/auth/current-user";
import { PatientSearch } from "./patient-search";

export const metadata: Metadata = { title: "Patient Selection" };

export default async function PatientSelection() {
  const provider = await requireProvider();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Patient Selection</h1>
      <p className="mt-1 text-sm text-slate-600">Signed in as {provider.fullName}</p>
      <p className="mt-3 max-w-2xl text-slate-700">
        Find a patient by last name and date of birth, or by MRN. You can open the records of your practice&apos;s
        patients, and of patients whose family granted you access.
      </p>
      <PatientSearch />
    </>
  );
}
