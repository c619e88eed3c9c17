import { HeaderLink, SignOutButton } from "@/app/_components/header-actions";
import { PortalLayout } from "@/app/_components/portal-layout";
import { getStaff } from "@/lib/auth/current-user";
import { signOut } from "./actions";

/** Every staff console page (SPEC §5b): the console's sections and "Sign out" once signed in. */
export default function StaffLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout
      portal="staff"
      signedIn={getStaff}
      actions={(staff) =>
        staff ? (
          <>
            <HeaderLink href="/staff/providers">Providers</HeaderLink>
            <HeaderLink href="/staff/practices">Practices</HeaderLink>
            <HeaderLink href="/staff/families">Families</HeaderLink>
            <HeaderLink href="/staff/audit">Audit log</HeaderLink>
            <SignOutButton action={signOut} />
          </>
        ) : null
      }
    >
      {children}
    </PortalLayout>
  );
}
