// The controls at the top right of a portal's header.
import Link from "next/link";

const controlClass = "rounded px-1 py-0.5 font-medium text-white underline-offset-4 hover:underline focus-visible:outline-white";

export function HeaderLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={controlClass}>
      {children}
    </Link>
  );
}

/** "Sign out" as a form posting to a server action: it works before (and without) JavaScript. */
export function SignOutButton({ action, label = "Sign out" }: { action: () => Promise<void>; label?: string }) {
  return (
    <form action={action}>
      <button type="submit" className={`${controlClass} rounded-md border border-white/70 px-3 py-1 hover:bg-white/10 hover:no-underline`}>
        {label}
      </button>
    </form>
  );
}
