import type { Metadata } from "next";
import Link from "next/link";
import { FamilyRegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Join MyChildren's" };

export default function FamilyRegisterPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Join MyChildren&apos;s</h1>
      <p className="mt-3 max-w-2xl text-slate-700">
        Enter the activation code the hospital gave you to create your account. If you already have an account, sign
        in and use &quot;Add a child&quot; in Account instead.
      </p>
      <FamilyRegisterForm />
      <p className="mt-6 text-sm">
        Already joined? <Link href="/mychildren/login" className="font-medium text-family-700 underline">Sign in to MyChildren&apos;s</Link>
      </p>
    </>
  );
}
