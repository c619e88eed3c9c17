import { getMessages, getTimeZone, getTranslations } from "next-intl/server";
import { HeaderLink, SignOutButton } from "@/app/_components/header-actions";
import { PortalLayout, type LocalizedFrame } from "@/app/_components/portal-layout";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { pageLocale } from "@/lib/i18n/page";
import { signOut } from "./actions";
import { FamilyIntlProvider } from "./intl-provider";
import { LanguageSwitcher } from "./language-switcher";

/** The parts of the catalog that the client components of MyChildren's pages read. */
const CLIENT_NAMESPACES = ["request", "sharing", "register", "error", "notFound"] as const;

/** The header in the request's language (lib/i18n/request.ts), with the language switcher. */
async function frame(): Promise<LocalizedFrame<{ account: string; signOut: string }>> {
  const [t, language, locale, messages, timeZone] = await Promise.all([getTranslations("shell"), getTranslations("language"), pageLocale(), getMessages(), getTimeZone()]);
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]));
  return {
    shell: { tagline: t("tagline"), nav: t("nav") },
    unavailable: { title: t("unavailableTitle"), body: t("unavailableBody") },
    languages: <LanguageSwitcher current={locale} label={language("label")} />,
    words: { account: t("account"), signOut: t("signOut") },
    provide: (page) => (
      <FamilyIntlProvider locale={locale} messages={clientMessages} timeZone={timeZone}>
        {page}
      </FamilyIntlProvider>
    ),
  };
}

/**
 * Every MyChildren's page, in the family's language: the header with the language switcher, and
 * "Account" and "Sign out" when signed in. The part of the catalog their client components read
 * reaches these pages only.
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
      {children}
    </PortalLayout>
  );
}
