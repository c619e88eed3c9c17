import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface PasswordResetProps {
  portal: "MyPatients" | "MyChildren's";
  fullName: string;
  resetUrl: string;
}

/** The single-use reset link (valid 1 hour) asked for on "Reset your password". */
export default function PasswordReset({ portal, fullName, resetUrl }: PasswordResetProps) {
  return (
    <EmailLayout portal={portal} preview={`Reset your ${portal} password`} heading="Reset your password" action={{ label: "Choose a new password", href: resetUrl }}>
      <Text style={textStyle}>Hello {fullName},</Text>
      <Text style={textStyle}>
        Someone asked to reset the password of your {portal} account. If it was you, follow the link to choose a new
        password. It works once and expires in 1 hour. Resetting signs you out everywhere.
      </Text>
      <Text style={textStyle}>If it was not you, ignore this email: your password stays as it is.</Text>
    </EmailLayout>
  );
}

PasswordReset.PreviewProps = { portal: "MyPatients", fullName: "Dr. Omar Haddad", resetUrl: "http://localhost:3000/mypatients/reset-password?token=preview" } satisfies PasswordResetProps;
