import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface AccessRevokedProps {
  sharedUrl: string;
}

export default function AccessRevoked({ sharedUrl }: AccessRevokedProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Your access to a patient record has ended" heading="Your access to a patient record has ended" action={{ label: "See records shared with me", href: sharedUrl }}>
      <Text style={textStyle}>
        The patient or guardian ended your access to a record in MyPatients. You can no longer open it. If you still
        need it, you may request access again.
      </Text>
    </EmailLayout>
  );
}

AccessRevoked.PreviewProps = { sharedUrl: "http://localhost:3000/mypatients/shared" } satisfies AccessRevokedProps;
