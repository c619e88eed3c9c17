import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface AccessRevokedProps {
  requestsUrl: string;
}

export default function AccessRevoked({ requestsUrl }: AccessRevokedProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Your access to a patient record has ended" heading="Your access to a patient record has ended" action={{ label: "See my access requests", href: requestsUrl }}>
      <Text style={textStyle}>
        The patient or guardian ended your access to a record in MyPatients. You can no longer open it. If you still
        need it, you may request access again.
      </Text>
    </EmailLayout>
  );
}

AccessRevoked.PreviewProps = { requestsUrl: "http://localhost:3000/mypatients/requests" } satisfies AccessRevokedProps;
