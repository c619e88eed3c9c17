import { unstable_rethrow } from "next/navigation";
import { PortalShell, type ShellText } from "@/app/_components/portal-shell";
import { PortalUnavailable, type UnavailableText } from "@/app/_components/portal-unavailable";
import type { PortalId } from "@/lib/auth/portals";
import { firstLine } from "@/lib/errors";

/**
 * The layout of a portal's pages: the shell, with the header actions for whoever is signed in.
 * When the database cannot say who that is, the page says so itself, readable without scripts.
 */
export async function PortalLayout<User>({
  portal,
  signedIn,
  actions,
  text,
  languages,
  children,
}: {
  portal: PortalId;
  signedIn: () => Promise<User | null>;
  actions: (user: User | null) => React.ReactNode;
  /** The frame's words, when not English (MyChildren's in the family's language). */
  text?: { shell: ShellText; unavailable: UnavailableText };
  /** The language switcher (MyChildren's), shown even when the page cannot be. */
  languages?: React.ReactNode;
  children: React.ReactNode;
}) {
  let user: User | null;
  try {
    user = await signedIn();
  } catch (error) {
    unstable_rethrow(error); // Next.js' own signals (dynamic rendering, redirects) pass through
    console.error(`${portal}: ${firstLine(error)}`);
    return (
      <PortalShell portal={portal} text={text?.shell} languages={languages}>
        <PortalUnavailable text={text?.unavailable} />
      </PortalShell>
    );
  }
  return (
    <PortalShell portal={portal} actions={actions(user)} text={text?.shell} languages={languages}>
      {children}
    </PortalShell>
  );
}
