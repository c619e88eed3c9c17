import { SignOutButton } from "@/app/_components/header-actions";
import { PortalShell } from "@/app/_components/portal-shell";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { signOut } from "./actions";

/** Every MyChildren's page: the header with "Sign out" when signed in. */
export default async function MyChildrenLayout({ children }: { children: React.ReactNode }) {
  const account = await getFamilyAccount();
  return (
    <PortalShell portal="mychildren" actions={account ? <SignOutButton action={signOut} /> : undefined}>
      {children}
    </PortalShell>
  );
}
