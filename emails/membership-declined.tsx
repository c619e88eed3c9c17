import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface MembershipDeclinedProps {
  fullName: string;
  practiceName: string;
}

export default function MembershipDeclined({ fullName, practiceName }: MembershipDeclinedProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Your MyPatients registration was not approved" heading="Your registration was not approved">
      <Text style={textStyle}>Hello {fullName},</Text>
      <Text style={textStyle}>
        Your registration as a member of {practiceName} in MyPatients was not approved, so you cannot search for patients
        through the practice. Invitations that families send to this email address still work.
      </Text>
      <Text style={textStyle}>
        If you think this is a mistake, speak to your practice&apos;s site administrator, or call the hospital&apos;s
        provider relations team.
      </Text>
    </EmailLayout>
  );
}

MembershipDeclined.PreviewProps = { fullName: "Dr. Priya Natarajan", practiceName: "Longwood Pediatrics" } satisfies MembershipDeclinedProps;
