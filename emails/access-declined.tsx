import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface AccessDeclinedProps {
  requestsUrl: string;
}

export default function AccessDeclined({ requestsUrl }: AccessDeclinedProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Your access request was declined" heading="Your access request was declined" action={{ label: "See my access requests", href: requestsUrl }}>
      <Text style={textStyle}>
        The patient or guardian declined your request for access to a record. You may ask again after 7 days.
      </Text>
    </EmailLayout>
  );
}

AccessDeclined.PreviewProps = { requestsUrl: "http://localhost:3000/mypatients/requests" } satisfies AccessDeclinedProps;
