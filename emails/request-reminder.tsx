import { Text } from "@react-email/components";
import { emailTranslator } from "@/lib/email/translator";
import type { Locale } from "@/lib/i18n/locales";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface RequestReminderProps {
  /** The approver's language (their account's). */
  locale: Locale;
  providerName: string;
  practiceName: string;
  expiresOn: string;
  requestUrl: string;
}

export default function RequestReminder({ locale, providerName, practiceName, expiresOn, requestUrl }: RequestReminderProps) {
  const t = emailTranslator(locale);
  return (
    <EmailLayout
      locale={locale}
      portal="MyChildren's"
      preview={t("requestReminder.preview", { providerName })}
      heading={t("requestReminder.heading")}
      action={{ label: t("requestReminder.action"), href: requestUrl }}
    >
      <Text style={textStyle}>{t("requestReminder.body", { providerName, practiceName, expiresOn })}</Text>
      <Text style={textStyle}>{t("requestReminder.next")}</Text>
    </EmailLayout>
  );
}

RequestReminder.PreviewProps = {
  locale: "en",
  providerName: "Dr. Omar Haddad",
  practiceName: "Fenway Pediatric Cardiology",
  expiresOn: "Dec 31, 2026",
  requestUrl: "http://localhost:3000/mychildren/requests/00000000-0000-0000-0000-000000000000",
} satisfies RequestReminderProps;
