import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface AccessRequestedProps {
  providerName: string;
  practiceName: string;
  requestUrl: string;
}

export default function AccessRequested({ providerName, practiceName, requestUrl }: AccessRequestedProps) {
  return (
    <EmailLayout portal="MyChildren's" preview={`${providerName} asked to see a record you manage`} heading="A provider asked to see a record" action={{ label: "Review the request", href: requestUrl }}>
      <Text style={textStyle}>
        {providerName} of {practiceName} asked for access to a record you manage in MyChildren&apos;s.
      </Text>
      <Text style={textStyle}>Sign in to see the request and approve or deny it. Nothing is shared until you approve.</Text>
    </EmailLayout>
  );
}

AccessRequested.PreviewProps = {
  providerName: "Dr. Omar Haddad",
  practiceName: "Fenway Pediatric Cardiology",
  requestUrl: "http://localhost:3000/mychildren/requests/00000000-0000-0000-0000-000000000000",
} satisfies AccessRequestedProps;
