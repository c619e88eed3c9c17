import { Text } from "@react-email/components";
import { emailTranslator } from "@/lib/email/translator";
import type { Locale } from "@/lib/i18n/locales";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface PasswordResetProps {
  /** The account's language: a family's choice; MyPatients is in English. */
  locale: Locale;
  portal: "MyPatients" | "MyChildren's";
  fullName: string;
  resetUrl: string;
}

/** The single-use reset link (valid 1 hour) asked for on "Reset your password". */
export default function PasswordReset({ locale, portal, fullName, resetUrl }: PasswordResetProps) {
  const t = emailTranslator(locale);
  return (
    <EmailLayout
      locale={locale}
      portal={portal}
      preview={t("passwordReset.preview", { portal })}
      heading={t("passwordReset.heading")}
      action={{ label: t("passwordReset.action"), href: resetUrl }}
    >
      <Text style={textStyle}>{t("greeting", { name: fullName })}</Text>
      <Text style={textStyle}>{t("passwordReset.body", { portal })}</Text>
      <Text style={textStyle}>{t("passwordReset.notYou")}</Text>
    </EmailLayout>
  );
}

PasswordReset.PreviewProps = { locale: "en", portal: "MyPatients", fullName: "Dr. Omar Haddad", resetUrl: "http://localhost:3000/mypatients/reset-password?token=preview" } satisfies PasswordResetProps;
