import { HeaderLink, SignOutButton } from "@/app/_components/header-actions";
import { PortalLayout } from "@/app/_components/portal-layout";
import { getProvider } from "@/lib/auth/current-user";
import { signOut } from "./actions";

/** Every MyPatients page: the header with "Validate a Token" and, when signed in, "Sign out" (SPEC §4). */
export default function MyPatientsLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout
      portal="mypatients"
      signedIn={getProvider}
      actions={(provider) => (
        <>
          {provider ? <HeaderLink href="/mypatients">Patient Selection</HeaderLink> : null}
          {provider ? <HeaderLink href="/mypatients/requests">My access requests</HeaderLink> : null}
          {provider ? <HeaderLink href="/mypatients/shared">Records shared with me</HeaderLink> : null}
          {provider?.siteAdmin ? <HeaderLink href="/mypatients/practice">Manage practice</HeaderLink> : null}
          <HeaderLink href="/mypatients/validate-token">Validate a Token</HeaderLink>
          {provider ? <HeaderLink href="/mypatients/account">Account</HeaderLink> : null}
          {provider ? <SignOutButton action={signOut} /> : null}
        </>
      )}
    >
      {children}
    </PortalLayout>
  );
}
