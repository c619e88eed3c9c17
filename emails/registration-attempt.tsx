import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface RegistrationAttemptProps {
  fullName: string;
  signInUrl: string;
}

/** Sent to an existing account's owner when someone registers with their email again. */
export default function RegistrationAttempt({ fullName, signInUrl }: RegistrationAttemptProps) {
  return (
    <EmailLayout portal="MyPatients" preview="Someone tried to register with your email" heading="You already have an account" action={{ label: "Sign in to MyPatients", href: signInUrl }}>
      <Text style={textStyle}>Hello {fullName},</Text>
      <Text style={textStyle}>
        Someone tried to create a MyPatients account with this email address, which already has one. If it was you,
        sign in instead. If it was not, no action is needed: your account is unchanged.
      </Text>
    </EmailLayout>
  );
}

RegistrationAttempt.PreviewProps = { fullName: "Dr. Omar Haddad", signInUrl: "http://localhost:3000/mypatients/login" } satisfies RegistrationAttemptProps;
