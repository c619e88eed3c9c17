import { unstable_rethrow } from "next/navigation";
import { PortalShell } from "@/app/_components/portal-shell";
import { PortalUnavailable } from "@/app/_components/portal-unavailable";
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
  children,
}: {
  portal: PortalId;
  signedIn: () => Promise<User | null>;
  actions: (user: User | null) => React.ReactNode;
  children: React.ReactNode;
}) {
  let user: User | null;
  try {
    user = await signedIn();
  } catch (error) {
    unstable_rethrow(error); // Next.js' own signals (dynamic rendering, redirects) pass through
    console.error(`${portal}: ${firstLine(error)}`);
    return (
      <PortalShell portal={portal}>
        <PortalUnavailable />
      </PortalShell>
    );
  }
  return (
    <PortalShell portal={portal} actions={actions(user)}>
      {children}
    </PortalShell>
  );
}
