import { Text } from "@react-email/components";
import { emailTranslator } from "@/lib/email/translator";
import type { Locale } from "@/lib/i18n/locales";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface PasswordChangedProps {
  /** The account's language: a family's choice; MyPatients is in English. */
  locale: Locale;
  portal: "MyPatients" | "MyChildren's";
  fullName: string;
  how: "reset" | "change";
  resetUrl: string;
}

/** Tells the account's owner that its password was reset or changed, and what to do if it was not them. */
export default function PasswordChanged({ locale, portal, fullName, how, resetUrl }: PasswordChangedProps) {
  const t = emailTranslator(locale);
  return (
    <EmailLayout
      locale={locale}
      portal={portal}
      preview={t("passwordChanged.preview", { portal })}
      heading={t("passwordChanged.heading")}
      action={{ label: t("passwordChanged.action"), href: resetUrl }}
    >
      <Text style={textStyle}>{t("greeting", { name: fullName })}</Text>
      <Text style={textStyle}>{how === "reset" ? t("passwordChanged.reset", { portal }) : t("passwordChanged.change", { portal })}</Text>
      <Text style={textStyle}>{t("passwordChanged.notYou")}</Text>
    </EmailLayout>
  );
}

PasswordChanged.PreviewProps = { locale: "en", portal: "MyChildren's", fullName: "Maria Garcia", how: "change", resetUrl: "http://localhost:3000/mychildren/forgot-password" } satisfies PasswordChangedProps;
