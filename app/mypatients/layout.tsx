import { HeaderLink, SignOutButton } from "@/app/_components/header-actions";
import { unstable_rethrow } from "next/navigation";
import { PortalShell } from "@/app/_components/portal-shell";
import { PortalUnavailable } from "@/app/_components/portal-unavailable";
import { getProvider } from "@/lib/auth/current-user";
import { firstLine } from "@/lib/errors";
import { signOut } from "./actions";

/** Every MyPatients page: the header with "Validate a Token" and, when signed in, "Sign out" (SPEC §4). */
export default async function MyPatientsLayout({ children }: { children: React.ReactNode }) {
  let provider: Awaited<ReturnType<typeof getProvider>>;
  try {
    provider = await getProvider();
  } catch (error) {
    unstable_rethrow(error); // Next.js' own signals (dynamic rendering, redirects) pass through
    // The database cannot answer: say so in the page itself, readable without scripts.
    console.error(`mypatients: ${firstLine(error)}`);
    return (
      <PortalShell portal="mypatients">
        <PortalUnavailable />
      </PortalShell>
    );
  }
  return (
    <PortalShell
      portal="mypatients"
      actions={
        <>
          {provider ? <HeaderLink href="/mypatients">Patient Selection</HeaderLink> : null}
          {provider ? <HeaderLink href="/mypatients/requests">My access requests</HeaderLink> : null}
          <HeaderLink href="/mypatients/validate-token">Validate a Token</HeaderLink>
          {provider ? <SignOutButton action={signOut} /> : null}
        </>
      }
    >
      {children}
    </PortalShell>
  );
}
