import { expect, test, type Browser, type Page } from "@playwright/test";
import { sendScheduledNotices } from "@/lib/notices";
import { requestAccess } from "@/lib/requests/create";
import { expectAccessible } from "./support/axe";
import {
  createFamilyAccount,
  createPatient,
  createPractice,
  createPrimaryCareProvider,
  createProvider,
  issueInvitationFor,
  PASSWORD,
  uniqueNpi,
  uniqueSurname,
  uniqueTag,
  type FamilyAccount,
  type Patient,
  type Provider,
} from "./support/factories";
import { readEmail } from "./support/mailbox";
import { fillRegistration } from "./support/registration";
import { signInAs, testDatabase, type Account } from "./support/session";

// Journeys without dead ends (SPEC §4, §5, §6): the invited newcomer, Records shared with me,
// endings explained to those who had access (and to nobody else), the search results' states,
// cancelling a request, and the scheduled emails. Each test makes its own people and patients.

const DAY = 86_400_000;

async function portal(browser: Browser, as?: Account): Promise<Page> {
  const context = await browser.newContext();
  if (as) await signInAs(context, as);
  return context.newPage();
}

/** A pattern that matches `text` literally. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

/** A PCP's patient with a guardian. */
async function familyPatient(firstName = "Sofia"): Promise<{ pcp: Provider; guardian: FamilyAccount; patient: Patient }> {
  const pcp = await createPrimaryCareProvider();
  const guardian = await createFamilyAccount({ fullName: "Maria Rivera" });
  const patient = await createPatient({ pcp, firstName, lastName: uniqueSurname("Rivera"), dateOfBirth: "2018-03-14", links: [{ account: guardian, relationship: "GUARDIAN" }] });
  return { pcp, guardian, patient };
}

test("an invited newcomer with no account follows the invitation through sign-in, registration, verification and sign-in, and ends on the record", async ({ browser }) => {
  test.slow();
  const { guardian, patient } = await familyPatient("Mateo");
  const practice = await createPractice({ name: "Back Bay Dermatology", kind: "SPECIALTY" });
  const email = `lena-${uniqueTag()}@backbay.example`;
  const since = new Date();
  await issueInvitationFor({ patient, providerEmail: email, issuer: guardian });

  const page = await portal(browser);
  const invitation = await readEmail(page, { to: email, subject: "You're invited to view a patient record in MyPatients", since });
  expect(invitation.text).toContain("No MyPatients account yet?");
  const token = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(invitation.text)![0];

  // The invitation's link asks her to sign in; she has no account, so "Create an account".
  await page.goto(invitation.links[0]!);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MyPatients" })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "MyPatients Registration" })).toBeVisible();
  await expectAccessible(page);
  await fillRegistration(page, { fullName: "Dr. Lena Ortiz", email, npi: uniqueNpi(), practice: practice.name, password: PASSWORD });
  await expect(page.getByRole("status")).toContainText(`We sent a verification email to ${email}.`);

  // The verification email, its page, and sign-in keep the destination.
  const verification = await readEmail(page, { to: email, subject: "Verify your MyPatients email", since });
  await page.goto(verification.links[0]!);
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByRole("status")).toHaveText("Your email is verified and your account is active.");
  await page.getByRole("link", { name: "Sign in to MyPatients" }).click();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  // Her membership is still waiting, yet she lands on Validate a Token with the MRN filled in.
  await expect(page.getByRole("heading", { level: 1, name: "Validate a Token" })).toBeVisible();
  await expect(page.getByLabel("MRN")).toHaveValue(patient.mrn);
  await page.getByLabel("Token").fill(token);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText("Token validated");
  await page.getByRole("link", { name: "Open record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: patient.fullName })).toBeVisible();

  // The guardian is told, with a link to the record's activity.
  const used = await readEmail(page, { to: guardian.email, subject: "A provider used your invitation", since });
  expect(used.links).toEqual([`${new URL(used.links[0]!).origin}/mychildren/patients/${patient.mrn}/activity`]);
});

test("the destination is never followed off MyPatients: registration and sign-in drop a hostile next", async ({ page }) => {
  await page.goto(`/mypatients/login?next=${encodeURIComponent("https://evil.example/mypatients")}`);
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/mypatients/register");
  await page.goto(`/mypatients/register?next=${encodeURIComponent("//evil.example/x")}`);
  await expect(page.locator('input[name="next"]')).toHaveCount(0);
  await page.goto(`/mypatients/login?next=${encodeURIComponent("/mypatients/validate-token?mrn=1000002")}`);
  await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", `/mypatients/register?next=${encodeURIComponent("/mypatients/validate-token?mrn=1000002")}`);
});

test("Records shared with me lists token and request access and what ended; an old link explains the ending to the former grantee only", async ({ browser }) => {
  test.slow();
  const prisma = testDatabase();
  const specialist = await createProvider({ fullName: "Dr. Omar Haddad" });
  const stranger = await createProvider({ fullName: "Dr. Never Granted" });
  const viaToken = await familyPatient("Tessa");
  const viaRequest = await familyPatient("Ruth");
  const revoked = await familyPatient("Rhea");
  const now = Date.now();
  await prisma.accessGrant.create({ data: { providerId: specialist.id, patientId: viaToken.patient.id, source: "TOKEN", startsAt: new Date(now - DAY) } });
  await prisma.accessGrant.create({ data: { providerId: specialist.id, patientId: viaRequest.patient.id, source: "REQUEST", startsAt: new Date(now - DAY), endsAt: new Date(now + 60 * DAY) } });
  await prisma.accessGrant.create({ data: { providerId: specialist.id, patientId: revoked.patient.id, source: "REQUEST", startsAt: new Date(now - 20 * DAY), revokedAt: new Date(now - 2 * DAY) } });

  const page = await portal(browser, specialist);
  await page.goto("/mypatients");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Records shared with me" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Records shared with me" })).toBeVisible();
  const current = page.getByRole("region", { name: "Shared with you now" });
  await expect(current.getByRole("row", { name: literally(viaToken.patient.fullName) })).toContainText("Invitation token");
  await expect(current.getByRole("row", { name: literally(viaToken.patient.fullName) })).toContainText("No end date");
  await expect(current.getByRole("row", { name: literally(viaRequest.patient.fullName) })).toContainText("Approved request");
  const ended = page.getByRole("region", { name: "Ended in the last 90 days" });
  await expect(ended.getByRole("row", { name: literally(revoked.patient.fullName) })).toContainText("The family revoked it");
  await expectAccessible(page);

  // At 375 px the page still fits.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // The former grantee's old link: when it ended, and the way to ask again.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/mypatients/patients/${revoked.patient.mrn}`);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^Your access to ${revoked.patient.fullName}'s record ended on [A-Z][a-z]{2} \\d{1,2}, \\d{4}$`) })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("Allergies");
  await expect(page.getByRole("button", { name: "Request Non-PCP access" })).toBeVisible();
  await expectAccessible(page);

  // Anyone else: exactly "not found", as for a record that does not exist.
  const outsider = await portal(browser, stranger);
  const refused = await outsider.goto(`/mypatients/patients/${revoked.patient.mrn}`);
  expect(refused?.status()).toBe(404);
  await expect(outsider.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(outsider.getByRole("main")).not.toContainText(revoked.patient.lastName);
  const direct = await outsider.goto(`/mypatients/record-unavailable?mrn=${revoked.patient.mrn}`);
  expect(direct?.status()).toBe(404);
  await expect(outsider.getByRole("main")).not.toContainText(revoked.patient.lastName);
});

test("search results explain a refusal with its dates, ended access with the button again, and a family without an account with the referral line", async ({ browser }) => {
  const prisma = testDatabase();
  const specialist = await createProvider({ fullName: "Dr. Omar Haddad" });
  const declined = await familyPatient("Dana");
  const ended = await familyPatient("Elle");
  const pcp = await createPrimaryCareProvider();
  const noAccount = await createPatient({ pcp, firstName: "Ethan", lastName: uniqueSurname("Brooks"), dateOfBirth: "2016-11-30" });
  await prisma.accessRequest.create({ data: { providerId: specialist.id, patientId: declined.patient.id, status: "DENIED", decidedAt: new Date(), expiresAt: new Date(Date.now() + 30 * DAY) } });
  await prisma.accessGrant.create({ data: { providerId: specialist.id, patientId: ended.patient.id, source: "REQUEST", startsAt: new Date(Date.now() - 30 * DAY), endsAt: new Date(Date.now() - DAY) } });

  const page = await portal(browser, specialist);
  await page.setViewportSize({ width: 375, height: 800 });
  const search = async (mrn: string) => {
    await page.goto("/mypatients");
    await page.getByLabel("MRN").fill(mrn);
    await page.getByRole("button", { name: "Search" }).click();
  };

  await search(declined.patient.mrn);
  const declinedCard = page.getByRole("article", { name: declined.patient.fullName });
  await expect(declinedCard).toContainText(/Declined on [A-Z][a-z]{2} \d{1,2}, \d{4}; you can ask again from [A-Z][a-z]{2} \d{1,2}, \d{4}\./);
  await expect(declinedCard.getByRole("button", { name: "Request Non-PCP access" })).toHaveCount(0);
  await expectAccessible(page);

  await search(ended.patient.mrn);
  const endedCard = page.getByRole("article", { name: ended.patient.fullName });
  await expect(endedCard).toContainText(/Your access to this record ended on [A-Z][a-z]{2} \d{1,2}, \d{4}\./);
  await expect(endedCard.getByRole("button", { name: "Request Non-PCP access" })).toBeVisible();

  await search(noAccount.mrn);
  const noAccountCard = page.getByRole("article", { name: noAccount.fullName });
  await expect(noAccountCard).toContainText("This patient does not have a MyChildren's account");
  await expect(noAccountCard).toContainText("844-BCH-PEDS");
  await expect(noAccountCard.getByRole("button")).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
});

test("a provider cancels a pending request by keyboard; the family's page stops offering it", async ({ browser }) => {
  const { guardian, patient } = await familyPatient("Cara");
  const specialist = await createProvider({ fullName: "Dr. Omar Haddad" });
  const outcome = await requestAccess({ mrn: patient.mrn, reason: "Second opinion" }, { providerId: specialist.id }, testDatabase());
  if (!outcome.ok) throw new Error(outcome.message);

  const page = await portal(browser, specialist);
  await page.goto("/mypatients/requests");
  const cancel = page.getByRole("button", { name: `Cancel request for ${patient.fullName}` });
  for (let i = 0; i < 40 && !(await cancel.evaluate((element) => element === document.activeElement)); i += 1) await page.keyboard.press("Tab");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toContainText("Request cancelled.");
  await page.reload();
  await expect(page.getByRole("row", { name: literally(patient.fullName) })).toContainText("Cancelled");
  await expectAccessible(page);

  const family = await portal(browser, guardian);
  await family.goto("/mychildren");
  await expect(family.getByRole("main")).not.toContainText(specialist.fullName);
  await family.goto(`/mychildren/requests/${outcome.requestId}`);
  await expect(family.getByRole("status")).toHaveText("The provider cancelled this request");
  await expect(family.getByRole("button", { name: "Approve" })).toHaveCount(0);
});

test("nobody waits without a word: the approvers' reminder and the ending notice arrive once, and Record activity shows access that reached its end date", async ({ browser }) => {
  test.slow();
  const prisma = testDatabase();
  const { guardian, patient } = await familyPatient("Nora");
  const specialist = await createProvider({ fullName: "Dr. Omar Haddad" });
  // A request asked 24 days ago (6 days left), a grant ending in 10 days, and one that ended yesterday.
  const asked = new Date(Date.now() - 24 * DAY);
  const outcome = await requestAccess({ mrn: patient.mrn, reason: "" }, { providerId: specialist.id, now: asked }, prisma);
  if (!outcome.ok) throw new Error(outcome.message);
  const other = await familyPatient("Olive");
  await prisma.accessGrant.create({ data: { providerId: specialist.id, patientId: other.patient.id, source: "REQUEST", startsAt: new Date(Date.now() - 80 * DAY), endsAt: new Date(Date.now() + 10 * DAY) } });
  const gone = await createProvider({ fullName: "Dr. Ended Yesterday" });
  await prisma.accessGrant.create({ data: { providerId: gone.id, patientId: patient.id, source: "REQUEST", startsAt: new Date(Date.now() - 30 * DAY), endsAt: new Date(Date.now() - DAY) } });
  const since = new Date();

  // The scheduled work, as two instances would run it at once.
  await Promise.all([sendScheduledNotices(prisma), sendScheduledNotices(prisma)]);

  const family = await portal(browser, guardian);
  const reminder = await readEmail(family, { to: guardian.email, subject: "Reminder: a provider is waiting for your answer", since });
  expect(reminder.text).toContain(specialist.fullName);
  await family.goto(reminder.links[0]!);
  await expect(family.getByRole("heading", { level: 1, name: "Access request" })).toBeVisible();
  await expect(family.getByRole("button", { name: "Approve" })).toBeVisible();

  const ending = await readEmail(family, { to: specialist.email, subject: "Your access to a patient record ends soon", since });
  expect(ending.links).toEqual([`${new URL(ending.links[0]!).origin}/mypatients/shared`]);
  expect(await prisma.outboxEmail.count({ where: { to: specialist.email, template: "accessEnding" } })).toBe(1);
  expect(await prisma.outboxEmail.count({ where: { to: guardian.email, template: "requestReminder" } })).toBe(1);

  await family.goto(`/mychildren/patients/${patient.mrn}/activity`);
  await expect(family.getByRole("row", { name: literally(gone.fullName) }).filter({ hasText: "Access ended" })).toHaveCount(1);
  await expectAccessible(family);
});

test("the record prints without navigation or controls, with the patient's name and the time it was printed", async ({ browser }) => {
  const { pcp, patient } = await familyPatient("Paige");
  const page = await portal(browser, pcp);
  await page.goto(`/mypatients/patients/${patient.mrn}`);
  await expect(page.getByRole("heading", { level: 1, name: patient.fullName })).toBeVisible();
  const runningHead = page.locator(".print-running-head");
  await expect(runningHead).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Account" })).toBeHidden();
  await expect(runningHead).toBeVisible();
  await expect(runningHead).toHaveText(new RegExp(`^${patient.fullName} · MRN ${patient.mrn} · Printed [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2} [AP]M [A-Z]{2,5}$`));
  // It is the header of a table that holds the record: printed, a table repeats its header on every
  // page and lays the rest out below it, so the head covers no line of any page (a fixed element did).
  const layout = await runningHead.evaluate((element) => ({
    position: getComputedStyle(element).position,
    header: element.closest("thead") ? getComputedStyle(element.closest("thead")!).display : null,
    holdsRecord: Boolean(element.closest("table")?.querySelector("tbody h1")),
  }));
  expect(layout).toEqual({ position: "static", header: "table-header-group", holdsRecord: true });
  const headBottom = (await runningHead.boundingBox())!;
  const titleTop = (await page.getByRole("heading", { level: 1, name: patient.fullName }).boundingBox())!;
  expect(titleTop.y).toBeGreaterThanOrEqual(headBottom.y + headBottom.height);
});

test("without JavaScript, Request Non-PCP access from a search result sends the request with its reason, says so, and My access requests lists it; a too-long reason is refused and sends nothing", async ({ browser }) => {
  const { patient } = await familyPatient("Nola");
  const specialist = await createProvider({ fullName: "Dr. No Script" });
  const prisma = testDatabase();
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(context, specialist);
  const page = await context.newPage();
  await page.goto("/mypatients");
  await page.getByLabel("MRN").fill(patient.mrn);
  await page.getByRole("button", { name: "Search" }).click();
  const card = page.getByRole("article", { name: patient.fullName });
  await expect(card).toContainText("You are not authorized to view this patient's record.");

  // The disclosure opens the form without a script. (axe needs scripts in the page, so it runs
  // where they are on; this page's script-free form is checked by its labels and states here.)
  const reason = card.getByLabel("Reason");
  await expect(reason).toBeHidden();
  await card.getByText("Request Non-PCP access", { exact: true }).click();
  await expect(reason).toBeVisible();

  // Too long, as a hand-made post would send it (the field itself stops at 500): refused beside
  // the field, nothing sent.
  const tooLong = "x".repeat(501);
  await page.route("**/mypatients", async (route) => {
    const body = route.request().postData();
    await route.continue(body?.includes("TOO-LONG") ? { postData: body.replace("TOO-LONG", tooLong) } : undefined);
  });
  await reason.fill("TOO-LONG");
  await card.getByRole("button", { name: "Send request" }).click();
  const refusedCard = page.getByRole("article", { name: patient.fullName });
  await expect(refusedCard.getByLabel("Reason")).toBeVisible();
  await expect(refusedCard.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(refusedCard.getByLabel("Reason")).toHaveAccessibleDescription(/Keep the reason to 500 characters or fewer\./);
  await expect(refusedCard).toContainText("Nothing was sent. Check the reason.");
  expect(await prisma.accessRequest.count({ where: { providerId: specialist.id } })).toBe(0);
  await page.unroute("**/mypatients");

  await refusedCard.getByLabel("Reason").fill("Allergy work-up before surgery");
  await refusedCard.getByRole("button", { name: "Send request" }).click();
  const sentCard = page.getByRole("article", { name: patient.fullName });
  await expect(sentCard).toContainText("Access request pending");
  await expect(sentCard).toContainText("Request sent. The patient or guardian will be asked to approve it.");
  await expect(sentCard.getByText("Request Non-PCP access", { exact: true })).toHaveCount(0);
  const sent = await prisma.accessRequest.findMany({ where: { providerId: specialist.id } });
  expect(sent.map((row) => [row.status, row.reason])).toEqual([["PENDING", "Allergy work-up before surgery"]]);

  await page.goto("/mypatients/requests");
  await expect(page.getByRole("row", { name: literally(patient.fullName) })).toContainText("Pending");
  await context.close();
});
