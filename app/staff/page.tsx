import type { Metadata } from "next";
import Link from "next/link";
import { consoleCounts } from "@/lib/staff/console";
import { openStaffPage } from "./staff-page";

export const metadata: Metadata = { title: "Staff console" };

function Count({ href, count, label }: { href: string; count: number; label: string }) {
  return (
    <li>
      <Link href={href} className="block rounded-lg border border-slate-300 bg-white p-4 shadow-sm hover:border-slate-500">
        <span className="block text-3xl font-semibold">{count}</span>
        <span className="text-slate-800 underline underline-offset-4">{label}</span>
      </Link>
    </li>
  );
}

/** SPEC §5b: what waits for the hospital, each linking to its list. */
export default async function StaffConsole() {
  const staff = await openStaffPage("home");
  const counts = await consoleCounts();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Staff console</h1>
      <p className="mt-2 text-slate-700">Signed in as {staff.fullName} ({staff.email}).</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-3">
        <Count href="/staff/providers" count={counts.waitingProviders} label="Providers waiting for approval" />
        <Count href="/staff/practices" count={counts.pendingPractices} label="Practices waiting to be enrolled" />
        <Count href="/staff/practices#overdue" count={counts.overdueConfirmations} label="Member lists overdue for confirmation" />
      </ul>
    </>
  );
}
