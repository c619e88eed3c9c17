import Link from "next/link";
import { PORTALS, type PortalId } from "@/lib/auth/portals";

const BARS: Record<PortalId, string> = { mypatients: "bg-brand-800", mychildren: "bg-family-700", staff: "bg-slate-800" };

/** The words of the frame; MyChildren's passes them in the family's language. */
export interface ShellText {
  tagline: string;
  /** The name of the header's navigation. */
  nav: string;
}

const ENGLISH: ShellText = { tagline: "Children's Hospital", nav: "Account" };

/** The frame of every portal page: the portal's header, then the page in a readable column. */
export function PortalShell({ portal, actions, text = ENGLISH, languages, children }: { portal: PortalId; actions?: React.ReactNode; text?: ShellText; languages?: React.ReactNode; children: React.ReactNode }) {
  const { name, home } = PORTALS[portal];
  const bar = BARS[portal];
  const nav = actions ? <nav aria-label={text.nav} className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">{actions}</nav> : null;
  return (
    <>
      <header className={`${bar} text-white print:hidden`}>
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href={home} className="text-lg font-semibold tracking-tight">
            {name}
            <span className="ml-2 hidden text-sm font-normal text-white/80 sm:inline">{text.tagline}</span>
          </Link>
          {languages ? (
            <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
              {languages}
              {nav}
            </div>
          ) : (
            nav
          )}
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8 print:max-w-none print:p-0">
        {children}
      </main>
    </>
  );
}
