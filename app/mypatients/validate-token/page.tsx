import type { Metadata } from "next";
import { requireProvider } from "@/lib/auth/current-user";
import { ValidateTokenForm } from "./validate-token-form";
import { isMrn } from "@/lib/patients/mrn";

export const metadata: Metadata = { title: "Validate a Token" };

export default async function ValidateTokenPage({ searchParams }: { searchParams: Promise<{ mrn?: string | string[] }> }) {
  await requireProvider();
  const { mrn } = await searchParams;
  // ?mrn= (from the invitation email) pre-fills the MRN; anything but digits is ignored.
  const prefill = typeof mrn === "string" && isMrn(mrn) ? mrn : "";
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Validate a Token</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        Enter the token from the invitation a patient&apos;s family sent you, and the MRN it was issued for. A token
        works once, for that patient only, and expires six months after it was issued.
      </p>
      <ValidateTokenForm mrn={prefill} />
    </>
  );
}
