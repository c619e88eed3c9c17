import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface VerifyEmailProps {
  fullName: string;
  verifyUrl: string;
}

export default function VerifyEmail({ fullName, verifyUrl }: VerifyEmailProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Confirm your email to activate your MyPatients account" heading="Verify your email" action={{ label: "Verify my email", href: verifyUrl }}>
      <Text style={textStyle}>Hello {fullName},</Text>
      <Text style={textStyle}>
        Confirm this address to activate your MyPatients account. The link works once and expires in 24 hours.
      </Text>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = { fullName: "Dr. Omar Haddad", verifyUrl: "http://localhost:3000/mypatients/verify-email?token=preview" } satisfies VerifyEmailProps;
