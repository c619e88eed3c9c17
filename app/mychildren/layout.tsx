import { HeaderLink, SignOutButton } from "@/app/_components/header-actions";
import { PortalLayout } from "@/app/_components/portal-layout";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { signOut } from "./actions";

/** Every MyChildren's page: the header with "Sign out" when signed in. */
export default function MyChildrenLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout portal="mychildren" signedIn={getFamilyAccount} actions={(account) =>
        account ? (
          <>
            <HeaderLink href="/mychildren/account">Account</HeaderLink>
            <SignOutButton action={signOut} />
          </>
        ) : undefined
      }
    >
      {children}
    </PortalLayout>
  );
}
