import { unstable_rethrow } from "next/navigation";
import { PortalShell, type ShellText } from "@/app/_components/portal-shell";
import { PortalUnavailable, type UnavailableText } from "@/app/_components/portal-unavailable";
import type { PortalId } from "@/lib/auth/portals";
import { firstLine } from "@/lib/errors";

/** A portal's frame in a language other than English (MyChildren's): its words, and the language switcher. */
export interface LocalizedFrame<Words> {
  shell: ShellText;
  unavailable: UnavailableText;
  languages: React.ReactNode;
  /** The words of the header actions. */
  words: Words;
  /** The page inside what its client components need to speak the language (a provider). */
  provide: (page: React.ReactNode) => React.ReactNode;
}

/**
 * The layout of a portal's pages: the shell, with the header actions for whoever is signed in.
 * When the database cannot say who that is, the page says so itself, readable without scripts.
 * The frame's words are read alongside who is signed in, so the header is ready at one moment
 * whatever the page does meanwhile (its "not found" cannot overtake it).
 */
export async function PortalLayout<User, Words = undefined>({
  portal,
  signedIn,
  actions,
  localized,
  children,
}: {
  portal: PortalId;
  signedIn: () => Promise<User | null>;
  actions: (user: User | null, words: Words | undefined) => React.ReactNode;
  /** The frame in the request's language, when not English. */
  localized?: () => Promise<LocalizedFrame<Words>>;
  children: React.ReactNode;
}) {
  const frame = localized?.();
  let user: User | null;
  try {
    user = await signedIn();
  } catch (error) {
    unstable_rethrow(error); // Next.js' own signals (dynamic rendering, redirects) pass through
    console.error(`${portal}: ${firstLine(error)}`);
    const words = await frame;
    return (
      <PortalShell portal={portal} text={words?.shell} languages={words?.languages}>
        <PortalUnavailable text={words?.unavailable} />
      </PortalShell>
    );
  }
  const words = await frame;
  return (
    <PortalShell portal={portal} actions={actions(user, words?.words)} text={words?.shell} languages={words?.languages}>
      {words ? words.provide(children) : children}
    </PortalShell>
  );
}
