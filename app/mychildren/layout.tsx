import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { HeaderLink, SignOutButton } from "@/app/_components/header-actions";
import { PortalLayout } from "@/app/_components/portal-layout";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { signOut } from "./actions";
import { LanguageSwitcher } from "./language-switcher";

/**
 * Every MyChildren's page, in the family's language (lib/i18n/request.ts): the header with the
 * language switcher, and "Account" and "Sign out" when signed in. The catalog reaches the client
 * components of these pages only.
 */
export default async function MyChildrenLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("shell");
  return (
    <NextIntlClientProvider>
      <PortalLayout
        portal="mychildren"
        signedIn={getFamilyAccount}
        text={{ shell: { tagline: t("tagline"), nav: t("nav") }, unavailable: { title: t("unavailableTitle"), body: t("unavailableBody") } }}
        languages={<LanguageSwitcher />}
        actions={(account) =>
          account ? (
            <>
              <HeaderLink href="/mychildren/account">{t("account")}</HeaderLink>
              <SignOutButton action={signOut} label={t("signOut")} />
            </>
          ) : undefined
        }
      >
        {children}
      </PortalLayout>
    </NextIntlClientProvider>
  );
}
