import Link from "next/link";

const portals = [
  {
    href: "/mypatients",
    name: "MyPatients",
    audience: "For community providers",
    text: "Find your patients, open their records, and request access to patients you see as a specialist.",
    style: "border-brand-600 hover:bg-brand-50",
    accent: "text-brand-700",
  },
  {
    href: "/mychildren",
    name: "MyChildren's",
    audience: "For patients and families",
    text: "See who can view your child's record, answer providers' access requests, and invite a provider.",
    style: "border-family-600 hover:bg-family-50",
    accent: "text-family-700",
  },
];

export default function Home() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-4xl flex-col justify-center px-4 py-12">
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">Children&apos;s Hospital</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight sm:text-4xl">Patient record portals</h1>
      <p className="mt-3 max-w-2xl text-slate-700">Choose the portal for you.</p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2">
        {portals.map((portal) => (
          <li key={portal.href}>
            <Link href={portal.href} className={`block h-full rounded-lg border-l-4 bg-white p-6 shadow-sm transition ${portal.style}`}>
              <span className={`block text-2xl font-semibold ${portal.accent}`}>{portal.name}</span>
              <span className="mt-1 block text-sm font-medium text-slate-600">{portal.audience}</span>
              <span className="mt-3 block text-slate-700">{portal.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
