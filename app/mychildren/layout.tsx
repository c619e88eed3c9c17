import { SignOutButton } from "@/app/_components/header-actions";
import { unstable_rethrow } from "next/navigation";
import { PortalShell } from "@/app/_components/portal-shell";
import { PortalUnavailable } from "@/app/_components/portal-unavailable";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { firstLine } from "@/lib/errors";
import { signOut } from "./actions";

/** Every MyChildren's page: the header with "Sign out" when signed in. */
export default async function MyChildrenLayout({ children }: { children: React.ReactNode }) {
  let account: Awaited<ReturnType<typeof getFamilyAccount>>;
  try {
    account = await getFamilyAccount();
  } catch (error) {
    unstable_rethrow(error); // Next.js' own signals (dynamic rendering, redirects) pass through
    // The database cannot answer: say so in the page itself, readable without scripts.
    console.error(`mychildren: ${firstLine(error)}`);
    return (
      <PortalShell portal="mychildren">
        <PortalUnavailable />
      </PortalShell>
    );
  }
  return (
    <PortalShell portal="mychildren" actions={account ? <SignOutButton action={signOut} /> : undefined}>
      {children}
    </PortalShell>
  );
}
