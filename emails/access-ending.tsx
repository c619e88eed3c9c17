import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface AccessEndingProps {
  endsOn: string;
  sharedUrl: string;
}

export default function AccessEnding({ endsOn, sharedUrl }: AccessEndingProps) {
  return (
    <EmailLayout portal="MyPatients" preview={`Your access to a patient record ends on ${endsOn}`} heading="Your access to a patient record ends soon" action={{ label: "See records shared with me", href: sharedUrl }}>
      <Text style={textStyle}>
        The access a family gave you to a record in MyPatients ends on {endsOn}, the end date they chose. After that you
        can no longer open it. If you will still need it, you may request access again once it has ended, or ask the family
        for an invitation token.
      </Text>
    </EmailLayout>
  );
}

AccessEnding.PreviewProps = { endsOn: "Dec 31, 2026", sharedUrl: "http://localhost:3000/mypatients/shared" } satisfies AccessEndingProps;
