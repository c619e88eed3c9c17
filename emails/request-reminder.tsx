import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface RequestReminderProps {
  providerName: string;
  practiceName: string;
  expiresOn: string;
  requestUrl: string;
}

export default function RequestReminder({ providerName, practiceName, expiresOn, requestUrl }: RequestReminderProps) {
  return (
    <EmailLayout portal="MyChildren's" preview={`${providerName} is waiting for your answer`} heading="A provider is waiting for your answer" action={{ label: "Review the request", href: requestUrl }}>
      <Text style={textStyle}>
        {providerName} of {practiceName} asked for access to a record you manage in MyChildren&apos;s and is still waiting
        for an answer. The request expires on {expiresOn} if nobody answers it.
      </Text>
      <Text style={textStyle}>Sign in to approve or deny it. Nothing is shared until you approve.</Text>
    </EmailLayout>
  );
}

RequestReminder.PreviewProps = {
  providerName: "Dr. Omar Haddad",
  practiceName: "Fenway Pediatric Cardiology",
  expiresOn: "Dec 31, 2026",
  requestUrl: "http://localhost:3000/mychildren/requests/00000000-0000-0000-0000-000000000000",
} satisfies RequestReminderProps;
