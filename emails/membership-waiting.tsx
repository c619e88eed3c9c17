import { Text } from "@react-email/components";
import { EmailLayout, textStyle } from "./components/email-layout";

export interface MembershipWaitingProps {
  providerName: string;
  practiceName: string;
  /** The practice's management page for its site administrators; the provider's page for hospital staff. */
  reviewUrl: string;
  /** Who reads it: a site administrator of the practice, or hospital staff. */
  audience: "siteAdmin" | "staff";
}

export default function MembershipWaiting({ providerName, practiceName, reviewUrl, audience }: MembershipWaitingProps) {
  return (
    <EmailLayout portal="MyPatients" preview={`${providerName} asked to join ${practiceName}`} heading="A provider asked to join your practice" action={{ label: "Review the request", href: reviewUrl }}>
      <Text style={textStyle}>
        {providerName} registered in MyPatients as a member of {practiceName} and confirmed their email address.
      </Text>
      <Text style={textStyle}>
        {audience === "siteAdmin"
          ? "As a site administrator of the practice, approve them only if they work with you: an approved member can open the records of every patient whose primary care provider is in your practice."
          : "The practice has no site administrator yet, or is not enrolled: hospital staff decide. Check the provider's identity and their place in the practice before approving."}
      </Text>
    </EmailLayout>
  );
}

MembershipWaiting.PreviewProps = {
  providerName: "Dr. Priya Natarajan",
  practiceName: "Longwood Pediatrics",
  reviewUrl: "http://localhost:3000/mypatients/practice",
  audience: "siteAdmin",
} satisfies MembershipWaitingProps;
