import { Link, Section, Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface InvitationProps {
  /** The token, grouped like ABCD-EFGH-JKMN-PQRS. Only ever in the body, never in a link. */
  token: string;
  mrn: string;
  validateUrl: string;
  /** Registration, which brings the new provider back to Validate a Token with the MRN filled in. */
  registerUrl: string;
  expiresOn: string;
}

export default function Invitation({ token, mrn, validateUrl, registerUrl, expiresOn }: InvitationProps) {
  return (
    <EmailLayout
      portal="MyPatients"
      preview="A family invited you to view a patient record"
      heading="You're invited to view a patient record"
      action={{ label: "Validate the token", href: validateUrl }}
      afterAction={
        <Text style={textStyle}>
          No MyPatients account yet?{" "}
          <Link href={registerUrl} style={{ color: "#1d4ed8", textDecoration: "underline" }}>
            Create one with this email address
          </Link>
          . Confirm your address from the email we send you, sign in, and you land on &quot;Validate a Token&quot; with the MRN filled in. You can open this record even while your practice still has
          to approve your account.
        </Text>
      }
    >
      <Text style={textStyle}>
        A patient&apos;s family invited you to view the patient&apos;s record in MyPatients. Sign in, choose &quot;Validate a Token&quot;, and enter this token with MRN {mrn}:
      </Text>
      <Section style={{ backgroundColor: "#f1f5f9", borderRadius: "6px", margin: "0 0 16px", padding: "12px 16px" }}>
        <Text style={{ ...textStyle, fontFamily: "ui-monospace, Menlo, Consolas, monospace", fontSize: "20px", letterSpacing: "0.08em", margin: 0 }}>{token}</Text>
      </Section>
      <Text style={textStyle}>The token can be used once and expires on {expiresOn}.</Text>
    </EmailLayout>
  );
}

Invitation.PreviewProps = {
  token: "ABCD-EFGH-JKMN-PQRS",
  mrn: "1000002",
  validateUrl: "http://localhost:3000/mypatients/validate-token?mrn=1000002",
  registerUrl: "http://localhost:3000/mypatients/register?next=%2Fmypatients%2Fvalidate-token%3Fmrn%3D1000002",
  expiresOn: "May 25, 2027",
} satisfies InvitationProps;
