import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface MembershipApprovedProps {
  fullName: string;
  practiceName: string;
  homeUrl: string;
}

export default function MembershipApproved({ fullName, practiceName, homeUrl }: MembershipApprovedProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Your MyPatients account was approved" heading="Your account was approved" action={{ label: "Open MyPatients", href: homeUrl }}>
      <Text style={textStyle}>Hello {fullName},</Text>
      <Text style={textStyle}>
        Your membership of {practiceName} in MyPatients was approved. You can now search for patients, open the records of
        your practice&apos;s patients, and request access to others.
      </Text>
    </EmailLayout>
  );
}

MembershipApproved.PreviewProps = { fullName: "Dr. Priya Natarajan", practiceName: "Longwood Pediatrics", homeUrl: "http://localhost:3000/mypatients" } satisfies MembershipApprovedProps;
