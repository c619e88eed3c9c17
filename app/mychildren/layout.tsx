import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { HeaderLink, SignOutButton } from "@/app/_components/header-actions";
import { PortalLayout, type LocalizedFrame } from "@/app/_components/portal-layout";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { pageLocale } from "@/lib/i18n/page";
import { signOut } from "./actions";
import { LanguageSwitcher } from "./language-switcher";

/** The header in the request's language (lib/i18n/request.ts), with the language switcher. */
async function frame(): Promise<LocalizedFrame<{ account: string; signOut: string }>> {
  const [t, language, locale] = await Promise.all([getTranslations("shell"), getTranslations("language"), pageLocale()]);
  return {
    shell: { tagline: t("tagline"), nav: t("nav") },
    unavailable: { title: t("unavailableTitle"), body: t("unavailableBody") },
    languages: <LanguageSwitcher current={locale} label={language("label")} />,
    words: { account: t("account"), signOut: t("signOut") },
  };
}

/**
 * Every MyChildren's page, in the family's language: the header with the language switcher, and
 * "Account" and "Sign out" when signed in. The catalog reaches the client components of these
 * pages only.
 */
export default function MyChildrenLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout
      portal="mychildren"
      signedIn={getFamilyAccount}
      localized={frame}
      actions={(account, words) =>
        account && words ? (
          <>
            <HeaderLink href="/mychildren/account">{words.account}</HeaderLink>
            <SignOutButton action={signOut} label={words.signOut} />
          </>
        ) : undefined
      }
    >
      <NextIntlClientProvider>{children}</NextIntlClientProvider>
    </PortalLayout>
  );
}
