// Every email the product sends (SPEC §6): its exact subject, the props stored in the outbox,
// and how it renders. Links are built here from APP_URL, so callers never pass URLs around.
// Emails to families are in the family account's language (SPEC §9): their subjects and words are
// in the catalogs (messages/*.json, "emails"). Emails to providers and staff are in English.
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
import { emailTranslator, type EmailTranslator } from "@/lib/email/translator";
import { DEFAULT_TIME_ZONE } from "@/lib/env";
import { formatDateIn } from "@/lib/format";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import PasswordChanged from "@/emails/password-changed";
import PasswordReset from "@/emails/password-reset";
import { MRN_PATTERN } from "@/lib/patients/mrn";
import { safeReturnPath } from "@/lib/auth/return-path";

type Link = (path: string, query?: Record<string, string>) => string;
/** A moment stored in the outbox as ISO text, shown as its day in the configured time zone (lib/format.ts), in the email's language. */
type DateText = (iso: string) => string;

interface EmailDefinition<Schema extends z.ZodType> {
  /** Who reads it: a family (in its account's language) or a provider or hospital staff (in English). */
  audience: "family" | "provider";
  subject: (t: EmailTranslator) => string;
  props: Schema;
  element: (props: z.infer<Schema>, link: Link, formatDate: DateText, locale: Locale) => React.ReactElement;
}

/** An email to providers or hospital staff: English only, its subject written here. */
function provider<Schema extends z.ZodType>(definition: { subject: string } & Omit<EmailDefinition<Schema>, "audience" | "subject">): EmailDefinition<Schema> & { audience: "provider" } {
  const { subject } = definition;
  return { ...definition, audience: "provider", subject: () => subject };
}

/** An email to a family: its subject and words come from the catalog, in the account's language. */
function family<Schema extends z.ZodType>(definition: Omit<EmailDefinition<Schema>, "audience">): EmailDefinition<Schema> & { audience: "family" } {
  return { ...definition, audience: "family" };
}

const mrn = z.string().regex(MRN_PATTERN);

export const EMAILS = {
  verifyEmail: provider({
    subject: "Verify your MyPatients email",
    props: z.object({ fullName: z.string().min(1), secret: z.string().min(20), next: z.string().refine((path) => safeReturnPath("mypatients", path) === path).optional() }),
    element: (p, link) => <VerifyEmail fullName={p.fullName} verifyUrl={link("/mypatients/verify-email", { token: p.secret, ...(p.next ? { next: p.next } : {}) })} />,
  }),
  registrationAttempt: provider({
    subject: "Someone tried to register with your MyPatients email",
    props: z.object({ fullName: z.string().min(1) }),
    element: (p, link) => <RegistrationAttempt fullName={p.fullName} signInUrl={link("/mypatients/login")} />,
  }),
  accessRequested: family({
    subject: (t) => t("accessRequested.subject"),
    props: z.object({ providerName: z.string().min(1), practiceName: z.string().min(1), requestId: z.uuid() }),
    element: (p, link, _formatDate, locale) => <AccessRequested locale={locale} providerName={p.providerName} practiceName={p.practiceName} requestUrl={link(`/mychildren/requests/${p.requestId}`)} />,
  }),
  accessApproved: provider({
    subject: "Your access request was approved",
    props: z.object({ mrn, endsAt: z.iso.datetime().nullable() }),
    element: (p, link, formatDate) => <AccessApproved recordUrl={link(`/mypatients/patients/${p.mrn}`)} endsOn={p.endsAt ? formatDate(p.endsAt) : null} />,
  }),
  accessDeclined: provider({
    subject: "Your access request was declined",
    props: z.object({}),
    element: (_p, link) => <AccessDeclined requestsUrl={link("/mypatients/requests")} />,
  }),
  invitation: provider({
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
  accessRevoked: provider({
    subject: "Your access to a patient record has ended",
    props: z.object({}),
    element: (_p, link) => <AccessRevoked sharedUrl={link("/mypatients/shared")} />,
  }),
  membershipWaiting: provider({
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
  membershipApproved: provider({
    subject: "Your MyPatients account was approved",
    props: z.object({ fullName: z.string().min(1), practiceName: z.string().min(1) }),
    element: (p, link) => <MembershipApproved fullName={p.fullName} practiceName={p.practiceName} homeUrl={link("/mypatients")} />,
  }),
  membershipDeclined: provider({
    subject: "Your MyPatients registration was not approved",
    props: z.object({ fullName: z.string().min(1), practiceName: z.string().min(1) }),
    element: (p) => <MembershipDeclined fullName={p.fullName} practiceName={p.practiceName} />,
  }),
  membersDue: provider({
    subject: "Please confirm your practice's MyPatients users",
    props: z.object({ fullName: z.string().min(1), practiceName: z.string().min(1) }),
    element: (p, link) => <MembersDue fullName={p.fullName} practiceName={p.practiceName} practiceUrl={link("/mypatients/practice")} />,
  }),
  requestExpired: provider({
    subject: "Your access request expired",
    props: z.object({}),
    element: (_p, link) => <RequestExpired requestsUrl={link("/mypatients/requests")} />,
  }),
  requestReminder: family({
    subject: (t) => t("requestReminder.subject"),
    props: z.object({ providerName: z.string().min(1), practiceName: z.string().min(1), requestId: z.uuid(), expiresAt: z.iso.datetime() }),
    element: (p, link, formatDate, locale) => (
      <RequestReminder locale={locale} providerName={p.providerName} practiceName={p.practiceName} expiresOn={formatDate(p.expiresAt)} requestUrl={link(`/mychildren/requests/${p.requestId}`)} />
    ),
  }),
  accessEnding: provider({
    subject: "Your access to a patient record ends soon",
    props: z.object({ endsAt: z.iso.datetime() }),
    element: (p, link, formatDate) => <AccessEnding endsOn={formatDate(p.endsAt)} sharedUrl={link("/mypatients/shared")} />,
  }),
  invitationUsed: family({
    subject: (t) => t("invitationUsed.subject"),
    props: z.object({ providerName: z.string().min(1), practiceName: z.string().min(1), mrn }),
    element: (p, link, _formatDate, locale) => <InvitationUsed locale={locale} providerName={p.providerName} practiceName={p.practiceName} activityUrl={link(`/mychildren/patients/${p.mrn}/activity`)} />,
  }),
  providerPasswordReset: provider({
    subject: "Reset your MyPatients password",
    props: z.object({ fullName: z.string().min(1), secret: z.string().min(20) }),
    element: (p, link) => <PasswordReset locale="en" portal="MyPatients" fullName={p.fullName} resetUrl={link("/mypatients/reset-password", { token: p.secret })} />,
  }),
  familyPasswordReset: family({
    subject: (t) => t("familyPasswordReset.subject"),
    props: z.object({ fullName: z.string().min(1), secret: z.string().min(20) }),
    element: (p, link, _formatDate, locale) => <PasswordReset locale={locale} portal="MyChildren's" fullName={p.fullName} resetUrl={link("/mychildren/reset-password", { token: p.secret })} />,
  }),
  providerPasswordChanged: provider({
    subject: "Your MyPatients password was changed",
    props: z.object({ fullName: z.string().min(1), how: z.enum(["reset", "change"]) }),
    element: (p, link) => <PasswordChanged locale="en" portal="MyPatients" fullName={p.fullName} how={p.how} resetUrl={link("/mypatients/forgot-password")} />,
  }),
  familyPasswordChanged: family({
    subject: (t) => t("familyPasswordChanged.subject"),
    props: z.object({ fullName: z.string().min(1), how: z.enum(["reset", "change"]) }),
    element: (p, link, _formatDate, locale) => <PasswordChanged locale={locale} portal="MyChildren's" fullName={p.fullName} how={p.how} resetUrl={link("/mychildren/forgot-password")} />,
  }),
};

export type EmailName = keyof typeof EMAILS;
export type EmailProps<Name extends EmailName> = z.infer<(typeof EMAILS)[Name]["props"]>;
/** The emails a family reads, in its account's language. */
export type FamilyEmailName = { [Name in EmailName]: (typeof EMAILS)[Name]["audience"] extends "family" ? Name : never }[EmailName];

/** The language an email is written in: the one asked for if a family reads it, English otherwise. */
export function emailLocale(name: EmailName, locale: Locale): Locale {
  return EMAILS[name].audience === "family" ? locale : DEFAULT_LOCALE;
}

/** The email's subject in its language (SPEC §6 gives the English ones). */
export function emailSubject(name: EmailName, locale: Locale = DEFAULT_LOCALE): string {
  return EMAILS[name].subject(emailTranslator(emailLocale(name, locale)));
}

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

/**
 * Renders a stored email; its props are checked against the template's schema first. A family
 * email is written in `locale`; an email to a provider or staff is in English whatever `locale` says.
 */
export async function renderEmail(name: string, props: unknown, appUrl: string, timeZone = DEFAULT_TIME_ZONE, locale: Locale = DEFAULT_LOCALE): Promise<RenderedEmail> {
  if (!isEmailName(name)) throw new Error(`unknown email template "${name}"`);
  const definition: EmailDefinition<z.ZodType> = EMAILS[name];
  const language = emailLocale(name, locale);
  const element = definition.element(definition.props.parse(props), linkBuilder(appUrl), (iso) => formatDateIn(language, new Date(iso), timeZone), language);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: definition.subject(emailTranslator(language)), html, text };
}
