import { Text } from "@react-email/components";
import { emailTranslator } from "@/lib/email/translator";
import type { Locale } from "@/lib/i18n/locales";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface AccessRequestedProps {
  /** The approver's language (their account's). */
  locale: Locale;
  providerName: string;
  practiceName: string;
  requestUrl: string;
}

export default function AccessRequested({ locale, providerName, practiceName, requestUrl }: AccessRequestedProps) {
  const t = emailTranslator(locale);
  return (
    <EmailLayout
      locale={locale}
      portal="MyChildren's"
      preview={t("accessRequested.preview", { providerName })}
      heading={t("accessRequested.heading")}
      action={{ label: t("accessRequested.action"), href: requestUrl }}
    >
      <Text style={textStyle}>{t("accessRequested.body", { providerName, practiceName })}</Text>
      <Text style={textStyle}>{t("accessRequested.next")}</Text>
    </EmailLayout>
  );
}

AccessRequested.PreviewProps = {
  locale: "en",
  providerName: "Dr. Omar Haddad",
  practiceName: "Fenway Pediatric Cardiology",
  requestUrl: "http://localhost:3000/mychildren/requests/00000000-0000-0000-0000-000000000000",
} satisfies AccessRequestedProps;
