import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { changePassword, requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { createSession } from "@/lib/auth/session-store";
import { sendDueEmails } from "@/lib/email/sender";
import type { OutgoingEmail, Transport } from "@/lib/email/transports";
import { sendScheduledNotices } from "@/lib/notices";
import { requestAccess } from "@/lib/requests/create";
import { decideRequest } from "@/lib/requests/decide";
import { issueInvitation } from "@/lib/tokens/issue";
import { validateToken } from "@/lib/tokens/validate";
import en from "@/messages/en.json" with { type: "json" };
import es from "@/messages/es.json" with { type: "json" };
import { createFamilyAccount, createPatient, createProvider } from "../support/factories.ts";
import { useDatabase } from "../support/use-database.ts";

const APP_URL = "https://portal.example.org";
const DAY = 86_400_000;
const T0 = new Date("2026-10-01T14:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const PASSWORD = "the family passphrase 2026";

// SPEC §9: every email to a family is in the account's language, decided when it is queued and
// kept on the outbox row; emails to providers stay in English.
describe("the language of emails", () => {
  const db = useDatabase({ poolSize: 4 });

  /** Delivers everything waiting in the outbox and returns what was sent, by recipient. */
  async function deliver(): Promise<Map<string, OutgoingEmail[]>> {
    const sent: OutgoingEmail[] = [];
    const transport: Transport = { name: "memory", send: async (email) => (sent.push(email), `memory-${email.id}`) };
    for (let pass = 0; pass < 10; pass += 1) {
      const { sent: count, retrying, failed } = await sendDueEmails({ prisma: db.prisma, transport, from: "hospital@example.org", appUrl: APP_URL, timeZone: "America/New_York" });
      expect(failed).toBe(0);
      if (count + retrying === 0) break;
    }
    const byRecipient = new Map<string, OutgoingEmail[]>();
    for (const email of sent) byRecipient.set(email.to, [...(byRecipient.get(email.to) ?? []), email]);
    return byRecipient;
  }

  /** The one email `to` received with `subject`. */
  function one(inbox: Map<string, OutgoingEmail[]>, to: string, subject: string): OutgoingEmail {
    const found = (inbox.get(to) ?? []).filter((email) => email.subject === subject);
    expect(found, `${to}: "${subject}" among ${JSON.stringify((inbox.get(to) ?? []).map((email) => email.subject))}`).toHaveLength(1);
    return found[0]!;
  }

  function expectSpanish(email: OutgoingEmail, words: string[]) {
    expect(email.html).toMatch(/<html [^>]*lang="es"/);
    for (const text of words) expect(email.text).toContain(text);
    expect(email.text).toContain(es.emails.layout.footer.replace("{portal}", "MyChildren's"));
    expect(email.text).not.toContain("If the button does not work");
  }

  function expectEnglish(email: OutgoingEmail, words: string[], portal = "MyChildren's") {
    expect(email.html).toMatch(/<html [^>]*lang="en"/);
    for (const text of words) expect(email.text).toContain(text);
    expect(email.text).toContain(en.emails.layout.footer.replace("{portal}", portal));
  }

  it("follows each family account's language through every family email, and keeps provider emails in English", async () => {
    const pcp = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id, dateOfBirth: "2019-03-01" });
    const lucia = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    const david = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    await db.prisma.familyAccount.update({ where: { id: lucia.id }, data: { language: "ES", passwordHash: await hashPassword(PASSWORD) } });
    const specialist = await createProvider(db.prisma);
    const dermatologist = await createProvider(db.prisma);
    const specialistPractice = (await db.prisma.practice.findUniqueOrThrow({ where: { id: specialist.practiceId! } })).name;

    // A request, its reminder 7 days before it expires, and its approval.
    const request = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: specialist.id, now: T0 }, db.prisma);
    if (!request.ok) throw new Error(request.message);
    await sendScheduledNotices(db.prisma, at(23.5));
    expect(await decideRequest({ decision: "approve", requestId: request.requestId, accessEnds: "none" }, { accountId: lucia.id, now: at(24) }, db.prisma)).toMatchObject({ ok: true });
    // An invitation the Spanish-reading parent sends, used by the provider it was sent to.
    const invitation = await issueInvitation({ mrn: patient.mrn, providerEmail: dermatologist.email }, { issuer: { accountId: lucia.id }, now: at(24) }, db.prisma);
    expect(invitation.ok).toBe(true);
    const token = (await db.prisma.outboxEmail.findFirstOrThrow({ where: { template: "invitation", to: dermatologist.email } }).then((row) => row.props)) as { token: string };
    expect(await validateToken({ token: token.token, mrn: patient.mrn }, { providerId: dermatologist.id, now: at(24) }, db.prisma)).toMatchObject({ ok: true });
    // Her password: reset with a link, then changed from Account.
    await requestPasswordReset(db.prisma, { portal: "mychildren", email: lucia.email }, { ip: "203.0.113.9", userAgent: "vitest" }, at(24));
    const { secret } = (await db.prisma.outboxEmail.findFirstOrThrow({ where: { template: "familyPasswordReset", to: lucia.email } })).props as { secret: string };
    expect(await resetPassword(db.prisma, { portal: "mychildren", token: secret, password: PASSWORD }, { ip: "203.0.113.9", userAgent: "vitest" }, at(24))).toEqual({ ok: true });
    const session = await db.prisma.$transaction((tx) => createSession(tx, { portal: "mychildren", accountId: lucia.id }, at(24)));
    expect(await changePassword(db.prisma, { portal: "mychildren", ownerId: lucia.id, sessionId: session.id, currentPassword: PASSWORD, newPassword: "another family passphrase" }, { ip: "203.0.113.9", userAgent: "vitest" }, at(24))).toEqual({ ok: true });

    // The language is decided when the email is queued, and kept on its row.
    const rows = await db.prisma.outboxEmail.findMany({ select: { to: true, template: true, language: true } });
    const familyTemplates = ["accessRequested", "requestReminder", "invitationUsed", "familyPasswordReset", "familyPasswordChanged"];
    expect(rows.filter((row) => row.to === lucia.email).map((row) => [row.template, row.language]).sort()).toEqual(
      [...familyTemplates, "familyPasswordChanged"].map((template) => [template, "ES"]).sort(),
    );
    expect(rows.filter((row) => row.to !== lucia.email).map((row) => row.language)).toEqual(rows.filter((row) => row.to !== lucia.email).map(() => "EN"));

    const inbox = await deliver();
    const expiresOn = "31 de octubre de 2026"; // the request lasts 30 days from Oct 1, 10:00 in Boston

    // Lucía reads Spanish: subjects and bodies.
    const esMail = es.emails;
    expectSpanish(one(inbox, lucia.email, esMail.accessRequested.subject), [`${specialist.fullName}, de ${specialistPractice}, pidió acceso a un expediente que usted administra en MyChildren's.`, esMail.accessRequested.next, "Revisar la solicitud"]);
    expectSpanish(one(inbox, lucia.email, esMail.requestReminder.subject), [`la solicitud vence el ${expiresOn}.`, esMail.requestReminder.next]);
    expectSpanish(one(inbox, lucia.email, esMail.invitationUsed.subject), [`${dermatologist.fullName}, de `, "ingresó el código de invitación", "Ver la actividad del expediente"]);
    expectSpanish(one(inbox, lucia.email, esMail.familyPasswordReset.subject), [`Hola, ${lucia.fullName}:`, esMail.passwordReset.body.replace("{portal}", "MyChildren's"), "Elegir una contraseña nueva"]);
    const changed = (inbox.get(lucia.email) ?? []).filter((email) => email.subject === esMail.familyPasswordChanged.subject);
    expect(changed).toHaveLength(2);
    for (const email of changed) expectSpanish(email, [`Hola, ${lucia.fullName}:`, esMail.passwordChanged.notYou]);
    expect(changed.map((email) => email.text).join()).toContain(esMail.passwordChanged.reset.replace("{portal}", "MyChildren's"));
    expect(changed.map((email) => email.text).join()).toContain(esMail.passwordChanged.change.replace("{portal}", "MyChildren's"));

    // David keeps English, exactly as SPEC §6 writes it.
    expectEnglish(one(inbox, david.email, "A provider asked to see a record in MyChildren's"), [`${specialist.fullName} of ${specialistPractice} asked for access to a record you manage in MyChildren's.`]);
    expectEnglish(one(inbox, david.email, "Reminder: a provider is waiting for your answer"), ["The request expires on Oct 31, 2026 if nobody answers it."]);
    expectEnglish(one(inbox, david.email, "A provider used your invitation"), ["entered the invitation token sent from MyChildren's"]);
    expect(inbox.get(david.email)).toHaveLength(3);

    // Providers read English, whatever the language of the family behind the email.
    expectEnglish(one(inbox, specialist.email, "Your access request was approved"), ["The patient or guardian approved your request."], "MyPatients");
    expectEnglish(one(inbox, dermatologist.email, "You're invited to view a patient record in MyPatients"), ["A patient's family invited you"], "MyPatients");
  });

  it("renders an email in the language its row was queued with, even if the account changes its language before it is sent", async () => {
    const pcp = await createProvider(db.prisma);
    const patient = await createPatient(db.prisma, { pcpId: pcp.id });
    const parent = await createFamilyAccount(db.prisma, [{ patientId: patient.id, relationship: "GUARDIAN" }]);
    await db.prisma.familyAccount.update({ where: { id: parent.id }, data: { language: "ES" } });
    const specialist = await createProvider(db.prisma);
    expect(await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: specialist.id }, db.prisma)).toMatchObject({ ok: true });
    await db.prisma.familyAccount.update({ where: { id: parent.id }, data: { language: "EN" } });

    const inbox = await deliver();
    expectSpanish(one(inbox, parent.email, es.emails.accessRequested.subject), [es.emails.accessRequested.next]);
  });
});
