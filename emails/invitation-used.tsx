import { Text } from "@react-email/components";
import { emailTranslator } from "@/lib/email/translator";
import type { Locale } from "@/lib/i18n/locales";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface InvitationUsedProps {
  /** The approver's language (their account's). */
  locale: Locale;
  providerName: string;
  practiceName: string;
  activityUrl: string;
}

export default function InvitationUsed({ locale, providerName, practiceName, activityUrl }: InvitationUsedProps) {
  const t = emailTranslator(locale);
  return (
    <EmailLayout
      locale={locale}
      portal="MyChildren's"
      preview={t("invitationUsed.preview", { providerName })}
      heading={t("invitationUsed.heading")}
      action={{ label: t("invitationUsed.action"), href: activityUrl }}
    >
      <Text style={textStyle}>{t("invitationUsed.body", { providerName, practiceName })}</Text>
    </EmailLayout>
  );
}

InvitationUsed.PreviewProps = {
  locale: "en",
  providerName: "Dr. Lena Ortiz",
  practiceName: "Back Bay Dermatology",
  activityUrl: "http://localhost:3000/mychildren/patients/1000002/activity",
} satisfies InvitationUsedProps;
