// Every email the product sends (SPEC §6): its exact subject, the props stored in the outbox,
// and how it renders. Links are built here from APP_URL, so callers never pass URLs around.
import { render } from "@react-email/components";
import { z } from "zod";
import AccessApproved from "@/emails/access-approved";
import AccessDeclined from "@/emails/access-declined";
import AccessRequested from "@/emails/access-requested";
import AccessRevoked from "@/emails/access-revoked";
import Invitation from "@/emails/invitation";
import MembersDue from "@/emails/members-due";
import MembershipApproved from "@/emails/membership-approved";
import MembershipDeclined from "@/emails/membership-declined";
import MembershipWaiting from "@/emails/membership-waiting";
import RegistrationAttempt from "@/emails/registration-attempt";
import RequestExpired from "@/emails/request-expired";
import RequestReminder from "@/emails/request-reminder";
import AccessEnding from "@/emails/access-ending";
import InvitationUsed from "@/emails/invitation-used";
import VerifyEmail from "@/emails/verify-email";
import { DEFAULT_TIME_ZONE } from "@/lib/env";
import { formatDate as formatMoment } from "@/lib/format";
import PasswordChanged from "@/emails/password-changed";
import PasswordReset from "@/emails/password-reset";
import { MRN_PATTERN } from "@/lib/patients/mrn";
import { safeReturnPath } from "@/lib/auth/return-path";

type Link = (path: string, query?: Record<string, string>) => string;
/** A moment stored in the outbox as ISO text, shown as its day in the configured time zone (lib/format.ts). */
type DateText = (iso: string) => string;

interface EmailDefinition<Schema extends z.ZodType> {
  subject: string;
  props: Schema;
  element: (props: z.infer<Schema>, link: Link, formatDate: DateText) => React.ReactElement;
}

function define<Schema extends z.ZodType>(definition: EmailDefinition<Schema>): EmailDefinition<Schema> {
  return definition;
}

const mrn = z.string().regex(MRN_PATTERN);

export const EMAILS = {
  verifyEmail: define({
    subject: "Verify your MyPatients email",
    props: z.object({ fullName: z.string().min(1), secret: z.string().min(20), next: z.string().refine((path) => safeReturnPath("mypatients", path) === path).optional() }),
    element: (p, link) => <VerifyEmail fullName={p.fullName} verifyUrl={link("/mypatients/verify-email", { token: p.secret, ...(p.next ? { next: p.next } : {}) })} />,
  }),
  registrationAttempt: define({
    subject: "Someone tried to register with your MyPatients email",
    props: z.object({ fullName: z.string().min(1) }),
    element: (p, link) => <RegistrationAttempt fullName={p.fullName} signInUrl={link("/mypatients/login")} />,
  }),
  accessRequested: define({
    subject: "A provider asked to see a record in MyChildren's",
    props: z.object({ providerName: z.string().min(1), practiceName: z.string().min(1), requestId: z.uuid() }),
    element: (p, link) => <AccessRequested providerName={p.providerName} practiceName={p.practiceName} requestUrl={link(`/mychildren/requests/${p.requestId}`)} />,
  }),
  accessApproved: define({
    subject: "Your access request was approved",
    props: z.object({ mrn, endsAt: z.iso.datetime().nullable() }),
    element: (p, link, formatDate) => <AccessApproved recordUrl={link(`/mypatients/patients/${p.mrn}`)} endsOn={p.endsAt ? formatDate(p.endsAt) : null} />,
  }),
  accessDeclined: define({
    subject: "Your access request was declined",
    props: z.object({}),
    element: (_p, link) => <AccessDeclined requestsUrl={link("/mypatients/requests")} />,
  }),
  invitation: define({
    subject: "You're invited to view a patient record in MyPatients",
    props: z.object({ token: z.string().regex(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/), mrn, expiresAt: z.iso.datetime() }),
    // The token is in the body only: the link carries the MRN, never the token.
    element: (p, link, formatDate) => (
      <Invitation
        token={p.token}
        mrn={p.mrn}
        validateUrl={link("/mypatients/validate-token", { mrn: p.mrn })}
        registerUrl={link("/mypatients/register", { next: `/mypatients/validate-token?mrn=${p.mrn}` })}
        expiresOn={formatDate(p.expiresAt)}
      />
    ),
  }),
  accessRevoked: define({
    subject: "Your access to a patient record has ended",
    props: z.object({}),
    element: (_p, link) => <AccessRevoked sharedUrl={link("/mypatients/shared")} />,
  }),
  membershipWaiting: define({
    subject: "A provider asked to join your practice in MyPatients",
    props: z.object({ providerName: z.string().min(1), practiceName: z.string().min(1), providerId: z.uuid(), audience: z.enum(["siteAdmin", "staff"]) }),
    element: (p, link) => (
      <MembershipWaiting
        providerName={p.providerName}
        practiceName={p.practiceName}
        audience={p.audience}
        reviewUrl={p.audience === "siteAdmin" ? link("/mypatients/practice") : link(`/staff/providers/${p.providerId}`)}
      />
    ),
  }),
  membershipApproved: define({
    subject: "Your MyPatients account was approved",
    props: z.object({ fullName: z.string().min(1), practiceName: z.string().min(1) }),
    element: (p, link) => <MembershipApproved fullName={p.fullName} practiceName={p.practiceName} homeUrl={link("/mypatients")} />,
  }),
  membershipDeclined: define({
    subject: "Your MyPatients registration was not approved",
    props: z.object({ fullName: z.string().min(1), practiceName: z.string().min(1) }),
    element: (p) => <MembershipDeclined fullName={p.fullName} practiceName={p.practiceName} />,
  }),
  membersDue: define({
    subject: "Please confirm your practice's MyPatients users",
    props: z.object({ fullName: z.string().min(1), practiceName: z.string().min(1) }),
    element: (p, link) => <MembersDue fullName={p.fullName} practiceName={p.practiceName} practiceUrl={link("/mypatients/practice")} />,
  }),
  requestExpired: define({
    subject: "Your access request expired",
    props: z.object({}),
    element: (_p, link) => <RequestExpired requestsUrl={link("/mypatients/requests")} />,
  }),
  requestReminder: define({
    subject: "Reminder: a provider is waiting for your answer",
    props: z.object({ providerName: z.string().min(1), practiceName: z.string().min(1), requestId: z.uuid(), expiresAt: z.iso.datetime() }),
    element: (p, link, formatDate) => (
      <RequestReminder providerName={p.providerName} practiceName={p.practiceName} expiresOn={formatDate(p.expiresAt)} requestUrl={link(`/mychildren/requests/${p.requestId}`)} />
    ),
  }),
  accessEnding: define({
    subject: "Your access to a patient record ends soon",
    props: z.object({ endsAt: z.iso.datetime() }),
    element: (p, link, formatDate) => <AccessEnding endsOn={formatDate(p.endsAt)} sharedUrl={link("/mypatients/shared")} />,
  }),
  invitationUsed: define({
    subject: "A provider used your invitation",
    props: z.object({ providerName: z.string().min(1), practiceName: z.string().min(1), mrn }),
    element: (p, link) => <InvitationUsed providerName={p.providerName} practiceName={p.practiceName} activityUrl={link(`/mychildren/patients/${p.mrn}/activity`)} />,
  }),
  providerPasswordReset: define({
    subject: "Reset your MyPatients password",
    props: z.object({ fullName: z.string().min(1), secret: z.string().min(20) }),
    element: (p, link) => <PasswordReset portal="MyPatients" fullName={p.fullName} resetUrl={link("/mypatients/reset-password", { token: p.secret })} />,
  }),
  familyPasswordReset: define({
    subject: "Reset your MyChildren's password",
    props: z.object({ fullName: z.string().min(1), secret: z.string().min(20) }),
    element: (p, link) => <PasswordReset portal="MyChildren's" fullName={p.fullName} resetUrl={link("/mychildren/reset-password", { token: p.secret })} />,
  }),
  providerPasswordChanged: define({
    subject: "Your MyPatients password was changed",
    props: z.object({ fullName: z.string().min(1), how: z.enum(["reset", "change"]) }),
    element: (p, link) => <PasswordChanged portal="MyPatients" fullName={p.fullName} how={p.how} resetUrl={link("/mypatients/forgot-password")} />,
  }),
  familyPasswordChanged: define({
    subject: "Your MyChildren's password was changed",
    props: z.object({ fullName: z.string().min(1), how: z.enum(["reset", "change"]) }),
    element: (p, link) => <PasswordChanged portal="MyChildren's" fullName={p.fullName} how={p.how} resetUrl={link("/mychildren/forgot-password")} />,
  }),
};

export type EmailName = keyof typeof EMAILS;
export type EmailProps<Name extends EmailName> = z.infer<(typeof EMAILS)[Name]["props"]>;

export function isEmailName(name: string): name is EmailName {
  return Object.hasOwn(EMAILS, name);
}

/** Absolute links on the configured app address. */
export function linkBuilder(appUrl: string): Link {
  const base = appUrl.replace(/\/+$/, "");
  return (path, query) => {
    const search = query ? `?${new URLSearchParams(query).toString()}` : "";
    return `${base}${path}${search}`;
  };
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Renders a stored email; its props are checked against the template's schema first. */
export async function renderEmail(name: string, props: unknown, appUrl: string, timeZone = DEFAULT_TIME_ZONE): Promise<RenderedEmail> {
  if (!isEmailName(name)) throw new Error(`unknown email template "${name}"`);
  const definition: EmailDefinition<z.ZodType> = EMAILS[name];
  const element = definition.element(definition.props.parse(props), linkBuilder(appUrl), (iso) => formatMoment(new Date(iso), timeZone));
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: definition.subject, html, text };
}
