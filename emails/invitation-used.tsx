import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface InvitationUsedProps {
  providerName: string;
  practiceName: string;
  activityUrl: string;
}

export default function InvitationUsed({ providerName, practiceName, activityUrl }: InvitationUsedProps) {
  return (
    <EmailLayout portal="MyChildren's" preview={`${providerName} used your invitation`} heading="A provider used your invitation" action={{ label: "See record activity", href: activityUrl }}>
      <Text style={textStyle}>
        {providerName} of {practiceName} entered the invitation token sent from MyChildren&apos;s and can now see the record.
        You can see who viewed it, and end their access at any time, from the record&apos;s sharing page.
      </Text>
    </EmailLayout>
  );
}

InvitationUsed.PreviewProps = {
  providerName: "Dr. Lena Ortiz",
  practiceName: "Back Bay Dermatology",
  activityUrl: "http://localhost:3000/mychildren/patients/1000002/activity",
} satisfies InvitationUsedProps;
