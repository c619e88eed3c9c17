import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface AccessApprovedProps {
  recordUrl: string;
  /** "until 25 May 2027", or null when the access has no end date. */
  endsOn: string | null;
}

export default function AccessApproved({ recordUrl, endsOn }: AccessApprovedProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Your access request was approved" heading="Your access request was approved" action={{ label: "Open the record", href: recordUrl }}>
      <Text style={textStyle}>
        The patient or guardian approved your request. You can now open the record in MyPatients
        {endsOn ? ` until ${endsOn}` : ""}.
      </Text>
    </EmailLayout>
  );
}

AccessApproved.PreviewProps = { recordUrl: "http://localhost:3000/mypatients/patients/1000001", endsOn: "25 May 2027" } satisfies AccessApprovedProps;
