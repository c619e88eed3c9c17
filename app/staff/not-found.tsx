import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="mt-3 text-slate-700">There is nothing to show at this address.</p>
      <p className="mt-3">
        <Link href="/staff" className="font-medium text-slate-800 underline">Go to the staff console</Link>
      </p>
    </>
  );
}
