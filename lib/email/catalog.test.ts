import { describe, expect, it } from "vitest";
import { EMAILS, emailSubject, renderEmail, type EmailName, type FamilyEmailName } from "@/lib/email/catalog";
import { emailTranslator } from "@/lib/email/translator";
import { LOCALES } from "@/lib/i18n/locales";
import en from "@/messages/en.json" with { type: "json" };
import es from "@/messages/es.json" with { type: "json" };

const APP_URL = "https://portal.example.org";
const REQUEST_ID = "3f2a7c1e-8b4d-4e6f-9a1b-2c3d4e5f6a7b";

const samples: { [Name in EmailName]: unknown } = {
  verifyEmail: { fullName: "Dr. Omar Haddad", secret: "s3cr3t-verification-secret-0123456789" },
  registrationAttempt: { fullName: "Dr. Omar Haddad" },
  accessRequested: { providerName: "Dr. Omar Haddad", practiceName: "Fenway Pediatric Cardiology", requestId: REQUEST_ID },
  accessApproved: { mrn: "1000001", endsAt: "2027-05-25T12:00:00.000Z" },
  accessDeclined: {},
  invitation: { token: "ABCD-EFGH-JKMN-PQRS", mrn: "1000002", expiresAt: "2027-05-25T12:00:00.000Z" },
  accessRevoked: {},
  membershipWaiting: { providerName: "Dr. Priya Natarajan", practiceName: "Longwood Pediatrics", providerId: REQUEST_ID, audience: "siteAdmin" },
  membershipApproved: { fullName: "Dr. Priya Natarajan", practiceName: "Longwood Pediatrics" },
  membershipDeclined: { fullName: "Dr. Priya Natarajan", practiceName: "Longwood Pediatrics" },
  membersDue: { fullName: "Dr. Paula Chen", practiceName: "Longwood Pediatrics" },
  requestExpired: {},
  requestReminder: { providerName: "Dr. Omar Haddad", practiceName: "Fenway Pediatric Cardiology", requestId: REQUEST_ID, expiresAt: "2027-05-25T12:00:00.000Z" },
  accessEnding: { endsAt: "2027-05-25T12:00:00.000Z" },
  invitationUsed: { providerName: "Dr. Lena Ortiz", practiceName: "Back Bay Dermatology", mrn: "1000002" },
  providerPasswordReset: { fullName: "Dr. Omar Haddad", secret: "s3cr3t-reset-secret-0123456789abcdef" },
  familyPasswordReset: { fullName: "Maria Garcia", secret: "s3cr3t-reset-secret-0123456789abcdef" },
  providerPasswordChanged: { fullName: "Dr. Omar Haddad", how: "reset" },
  familyPasswordChanged: { fullName: "Maria Garcia", how: "change" },
};

function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
}

describe("email templates (SPEC §6)", () => {
  it("have the exact subjects", () => {
    expect(Object.fromEntries(Object.keys(EMAILS).map((name) => [name, emailSubject(name as EmailName)]))).toEqual({
      verifyEmail: "Verify your MyPatients email",
      registrationAttempt: "Someone tried to register with your MyPatients email",
      accessRequested: "A provider asked to see a record in MyChildren's",
      accessApproved: "Your access request was approved",
      accessDeclined: "Your access request was declined",
      invitation: "You're invited to view a patient record in MyPatients",
      accessRevoked: "Your access to a patient record has ended",
      membershipWaiting: "A provider asked to join your practice in MyPatients",
      membershipApproved: "Your MyPatients account was approved",
      membershipDeclined: "Your MyPatients registration was not approved",
      membersDue: "Please confirm your practice's MyPatients users",
      requestExpired: "Your access request expired",
      requestReminder: "Reminder: a provider is waiting for your answer",
      accessEnding: "Your access to a patient record ends soon",
      invitationUsed: "A provider used your invitation",
      providerPasswordReset: "Reset your MyPatients password",
      familyPasswordReset: "Reset your MyChildren's password",
      providerPasswordChanged: "Your MyPatients password was changed",
      familyPasswordChanged: "Your MyChildren's password was changed",
    });
  });

  it.each([
    ["verifyEmail", `${APP_URL}/mypatients/verify-email?token=s3cr3t-verification-secret-0123456789`],
    ["registrationAttempt", `${APP_URL}/mypatients/login`],
    ["accessRequested", `${APP_URL}/mychildren/requests/${REQUEST_ID}`],
    ["accessApproved", `${APP_URL}/mypatients/patients/1000001`],
    ["accessDeclined", `${APP_URL}/mypatients/requests`],
    ["accessRevoked", `${APP_URL}/mypatients/shared`],
    ["membershipWaiting", `${APP_URL}/mypatients/practice`],
    ["membershipApproved", `${APP_URL}/mypatients`],
    ["membersDue", `${APP_URL}/mypatients/practice`],
    ["requestExpired", `${APP_URL}/mypatients/requests`],
    ["requestReminder", `${APP_URL}/mychildren/requests/${REQUEST_ID}`],
    ["accessEnding", `${APP_URL}/mypatients/shared`],
    ["invitationUsed", `${APP_URL}/mychildren/patients/1000002/activity`],
    ["providerPasswordReset", `${APP_URL}/mypatients/reset-password?token=s3cr3t-reset-secret-0123456789abcdef`],
    ["familyPasswordReset", `${APP_URL}/mychildren/reset-password?token=s3cr3t-reset-secret-0123456789abcdef`],
    ["providerPasswordChanged", `${APP_URL}/mypatients/forgot-password`],
    ["familyPasswordChanged", `${APP_URL}/mychildren/forgot-password`],
  ] as const)("%s renders HTML and plain text whose only link is the absolute deep link %s", async (name, link) => {
    const email = await renderEmail(name, samples[name], APP_URL);
    expect(email.subject).toBe(emailSubject(name));
    expect(new Set(hrefs(email.html))).toEqual(new Set([link]));
    expect(email.text).toContain(link);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it("sends hospital staff to the provider's page in the staff console, and site administrators to their practice", async () => {
    const staff = await renderEmail("membershipWaiting", { ...(samples.membershipWaiting as object), audience: "staff" }, APP_URL);
    expect(new Set(hrefs(staff.html))).toEqual(new Set([`${APP_URL}/staff/providers/${REQUEST_ID}`]));
  });

  it("tells a declined provider without a link to follow", async () => {
    const email = await renderEmail("membershipDeclined", samples.membershipDeclined, APP_URL);
    expect(hrefs(email.html)).toEqual([]);
    expect(email.text).toContain("Longwood Pediatrics");
  });

  it("puts the invitation token in the body and never in a link", async () => {
    const email = await renderEmail("invitation", samples.invitation, APP_URL);
    expect(email.text).toContain("ABCD-EFGH-JKMN-PQRS");
    expect(email.html).toContain("ABCD-EFGH-JKMN-PQRS");
    const links = hrefs(email.html);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((href) => /ABCD|EFGH|JKMN|PQRS|token=/i.test(href))).toEqual([]);
    expect(email.text).toContain("May 25, 2027");
  });

  it("escapes names instead of rendering them as markup", async () => {
    const email = await renderEmail("registrationAttempt", { fullName: '<script>alert("x")</script>' }, APP_URL);
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("&lt;script&gt;");
  });

  it("invitation: links to Validate a Token with the MRN, and to registration that comes back there, and nothing else", async () => {
    const email = await renderEmail("invitation", samples.invitation, APP_URL);
    const back = `${APP_URL}/mypatients/register?next=${encodeURIComponent("/mypatients/validate-token?mrn=1000002")}`;
    expect(new Set(hrefs(email.html))).toEqual(new Set([`${APP_URL}/mypatients/validate-token?mrn=1000002`, back]));
    expect(email.text).toContain("No MyPatients account yet?");
    expect(email.text).toContain(back);
  });

  it("verifyEmail: carries a safe destination in its link, and refuses one that leaves MyPatients", async () => {
    const email = await renderEmail("verifyEmail", { ...(samples.verifyEmail as object), next: "/mypatients/validate-token?mrn=1000002" }, APP_URL);
    expect(hrefs(email.html)).toEqual([`${APP_URL}/mypatients/verify-email?token=s3cr3t-verification-secret-0123456789&next=${encodeURIComponent("/mypatients/validate-token?mrn=1000002")}`]);
    for (const next of ["https://evil.example/", "//evil.example/x", "/mychildren", "/mypatients/login"]) {
      await expect(renderEmail("verifyEmail", { ...(samples.verifyEmail as object), next }, APP_URL), next).rejects.toThrow();
    }
  });

  it("show dates in the configured time zone: a moment late on May 24 in New York is May 24, not UTC's May 25", async () => {
    const late = { ...(samples.invitation as object), expiresAt: "2027-05-25T02:30:00.000Z" };
    expect((await renderEmail("invitation", late, APP_URL, "America/New_York")).text).toContain("May 24, 2027");
    expect((await renderEmail("invitation", late, APP_URL, "UTC")).text).toContain("May 25, 2027");
  });

  it("refuses an unknown template and props that do not match the template", async () => {
    await expect(renderEmail("newsletter", {}, APP_URL)).rejects.toThrow('unknown email template "newsletter"');
    await expect(renderEmail("accessRequested", { providerName: "Dr. X" }, APP_URL)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["practiceName"] }), expect.objectContaining({ path: ["requestId"] })],
    });
    await expect(renderEmail("invitation", { ...(samples.invitation as object), token: "not a token" }, APP_URL)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["token"], code: "invalid_format" })],
    });
  });

  it("carry no clinical data: templates can only be given these fields", () => {
    const fields = new Set(Object.values(EMAILS).flatMap((email) => Object.keys((email.props as unknown as { shape: object }).shape)));
    // fullName is the recipient provider's own name; no patient name, date of birth or record field exists.
    expect(fields).toEqual(new Set(["fullName", "secret", "next", "providerName", "practiceName", "requestId", "mrn", "endsAt", "token", "expiresAt", "providerId", "audience", "how"]));
  });
});

// SPEC §9: every email to a family in English and Spanish; emails to providers and staff in English.
describe("email languages", () => {
  const CATALOGS = { en: en.emails, es: es.emails };
  const family = (Object.keys(EMAILS) as EmailName[]).filter((name): name is FamilyEmailName => EMAILS[name].audience === "family");
  /** The lines of an email's text that are words, not a link, the divider or the portal's name (the same in every language). */
  const sentences = (text: string) => text.split("\n").filter((line) => /\p{L}{3}/u.test(line) && !line.includes("://") && !line.includes(" · Children's Hospital"));

  it("are chosen per family template: these five go to a family", () => {
    expect(family).toEqual(["accessRequested", "requestReminder", "invitationUsed", "familyPasswordReset", "familyPasswordChanged"]);
  });

  it.each(family.flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))("%s renders in %s, subject included, from that language's catalog", async (name, locale) => {
    const english = await renderEmail(name, samples[name], APP_URL, "America/New_York", "en");
    const email = await renderEmail(name, samples[name], APP_URL, "America/New_York", locale);
    expect(email.subject).toBe(CATALOGS[locale][name].subject);
    expect(email.html).toMatch(new RegExp(`<html [^>]*lang="${locale}"`));
    expect(new Set(hrefs(email.html))).toEqual(new Set(hrefs(english.html)));
    // No key is missing (the translator throws on one), and no key's name stands in for its words.
    expect(email.text).not.toMatch(/\b(emails|layout|passwordReset|passwordChanged|greeting)\.\w/);
    if (locale === "es") {
      expect(email.subject).not.toBe(english.subject);
      expect(sentences(english.text).length).toBeGreaterThanOrEqual(3);
      for (const sentence of sentences(english.text)) expect(email.text, sentence).not.toContain(sentence);
      expect(email.text).toContain(es.emails.layout.footer.replace("{portal}", "MyChildren's"));
    }
  });

  it("the Spanish emails use one word for a record and one for access", async () => {
    const texts = await Promise.all(family.map(async (name) => (await renderEmail(name, samples[name], APP_URL, "America/New_York", "es")).text));
    const all = texts.join("\n").toLowerCase();
    expect(all).toContain("expediente");
    expect(all).not.toMatch(/\b(registro|historial|archivo|ficha)\b/);
    expect(all).toContain("acceso");
    expect(all).not.toMatch(/\bpermiso\b/);
  });

  it("write a date in Spanish, in the configured time zone, on either side of a daylight-saving change", async () => {
    const reminder = (expiresAt: string, timeZone: string) => renderEmail("requestReminder", { ...(samples.requestReminder as object), expiresAt }, APP_URL, timeZone, "es");
    // Late on May 24 in New York is May 25 in UTC.
    expect((await reminder("2027-05-25T02:30:00.000Z", "America/New_York")).text).toContain("la solicitud vence el 24 de mayo de 2027.");
    expect((await reminder("2027-05-25T02:30:00.000Z", "UTC")).text).toContain("la solicitud vence el 25 de mayo de 2027.");
    // The clocks go back at 2:00 on Nov 1, 2026: 23:30 on Oct 31 is 03:30 UTC before it, 00:30 on Nov 1 is 04:30 UTC.
    expect((await reminder("2026-11-01T03:30:00.000Z", "America/New_York")).text).toContain("vence el 31 de octubre de 2026.");
    expect((await reminder("2026-11-01T04:30:00.000Z", "America/New_York")).text).toContain("vence el 1 de noviembre de 2026.");
    expect((await reminder("2026-11-01T04:30:00.000Z", "America/New_York")).subject).toBe(es.emails.requestReminder.subject);
  });

  it("keep emails to providers and staff in English whatever language is asked for", async () => {
    for (const name of (Object.keys(EMAILS) as EmailName[]).filter((candidate) => EMAILS[candidate].audience === "provider")) {
      const asked = await renderEmail(name, samples[name], APP_URL, "America/New_York", "es");
      expect(asked, name).toEqual(await renderEmail(name, samples[name], APP_URL, "America/New_York", "en"));
      expect(asked.html, name).toMatch(/<html [^>]*lang="en"/);
      expect(emailSubject(name, "es"), name).toBe(emailSubject(name, "en"));
    }
    expect((await renderEmail("invitation", samples.invitation, APP_URL, "America/New_York", "es")).text).toContain("expires on May 25, 2027");
  });

  it("fail to render rather than send a parent a key's name when a message is missing", () => {
    const t = emailTranslator("es");
    expect(() => t("accessRequested.nothingHere" as Parameters<typeof t>[0])).toThrow();
    expect(() => t("accessRequested.body", {})).toThrow();
  });

  it("have the same keys in both catalogs", () => {
    const keys = (value: unknown, prefix = ""): string[] =>
      typeof value === "object" && value !== null ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`)) : [prefix.slice(0, -1)];
    expect(keys(es.emails).sort()).toEqual(keys(en.emails).sort());
  });
});
