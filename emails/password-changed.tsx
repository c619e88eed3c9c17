import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface PasswordChangedProps {
  portal: "MyPatients" | "MyChildren's";
  fullName: string;
  how: "reset" | "change";
  resetUrl: string;
}

/** Tells the account's owner that its password was reset or changed, and what to do if it was not them. */
export default function PasswordChanged({ portal, fullName, how, resetUrl }: PasswordChangedProps) {
  return (
    <EmailLayout portal={portal} preview={`Your ${portal} password was changed`} heading="Your password was changed" action={{ label: "Reset your password", href: resetUrl }}>
      <Text style={textStyle}>Hello {fullName},</Text>
      <Text style={textStyle}>
        {how === "reset"
          ? `The password of your ${portal} account was reset with a link sent to this address. Every session of the account was signed out.`
          : `The password of your ${portal} account was changed from its Account page. Every other session of the account was signed out.`}
      </Text>
      <Text style={textStyle}>If it was not you, reset your password now and tell the hospital&apos;s support team.</Text>
    </EmailLayout>
  );
}

PasswordChanged.PreviewProps = { portal: "MyChildren's", fullName: "Maria Garcia", how: "change", resetUrl: "http://localhost:3000/mychildren/forgot-password" } satisfies PasswordChangedProps;
