import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface RequestExpiredProps {
  requestsUrl: string;
}

export default function RequestExpired({ requestsUrl }: RequestExpiredProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Your access request expired without an answer" heading="Your access request expired" action={{ label: "See my access requests", href: requestsUrl }}>
      <Text style={textStyle}>
        The patient or guardian did not answer your request to see a record in MyPatients within 30 days, so it expired.
        Nothing was shared. If you still need the record, you may request access again, or ask the family to send you an
        invitation token.
      </Text>
    </EmailLayout>
  );
}

RequestExpired.PreviewProps = { requestsUrl: "http://localhost:3000/mypatients/requests" } satisfies RequestExpiredProps;
