import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface MembersDueProps {
  fullName: string;
  practiceName: string;
  practiceUrl: string;
}

export default function MembersDue({ fullName, practiceName, practiceUrl }: MembersDueProps) {
  return (
    <EmailLayout portal="MyPatients" preview={`Please confirm who works at ${practiceName}`} heading="Please confirm your practice's MyPatients users" action={{ label: "Review the members", href: practiceUrl }}>
      <Text style={textStyle}>Hello {fullName},</Text>
      <Text style={textStyle}>
        Every 90 days, a site administrator confirms that everyone listed as a member of {practiceName} in MyPatients still
        works there. Remove anyone who has left, then choose &quot;Confirm members&quot;.
      </Text>
    </EmailLayout>
  );
}

MembersDue.PreviewProps = { fullName: "Dr. Paula Chen", practiceName: "Longwood Pediatrics", practiceUrl: "http://localhost:3000/mypatients/practice" } satisfies MembersDueProps;
