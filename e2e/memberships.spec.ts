import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import {
  createFamilyAccount,
  createPatient,
  createPractice,
  createProvider,
  issueInvitationFor,
  PASSWORD,
  uniqueNpi,
  uniqueSurname,
  uniqueTag,
} from "./support/factories";
import { readEmail } from "./support/mailbox";
import { fillRegistration, partOf } from "./support/registration";
import { signInAs, type Account } from "./support/session";

// SPEC §2, §3, §4: nobody vouches for themselves. A newcomer's membership of a practice waits for
// a site administrator of that practice; until then they cannot search, but an invitation sent to
// their own email still opens that one record. Each test makes its own practice, people and
// patients, modelled on the demo's (Longwood Pediatrics, Dr. Chen its site administrator).

const WAITING = "Your account is waiting for approval.";

async function portal(browser: Browser, as?: Account): Promise<Page> {
  const context = await browser.newContext();
  if (as) await signInAs(context, as);
  return context.newPage();
}

/** Longwood Pediatrics with Dr. Chen, its site administrator, PCP of a child (Sofia) with a guardian. */
async function longwood() {
  const practice = await createPractice({ name: "Longwood Pediatrics", kind: "PRIMARY_CARE" });
  const chen = await createProvider({ fullName: "Dr. Paula Chen", practice, role: "SITE_ADMIN" });
  const guardian = await createFamilyAccount({ fullName: "Maria Rivera" });
  const sofia = await createPatient({ pcp: chen, firstName: "Sofia", lastName: uniqueSurname("Rivera"), dateOfBirth: "2018-03-14", links: [{ account: guardian, relationship: "GUARDIAN" }] });
  return { practice, chen, guardian, sofia };
}

test("a newcomer registers at the practice and can open nothing until its site administrator approves them from the email; then search opens the record", async ({ browser }) => {
  test.slow();
  const { practice, chen, sofia } = await longwood();
  const email = `priya-${uniqueTag()}@longwood.example`;
  const since = new Date();

  // The newcomer registers, finding the practice as she types, and verifies her email.
  const priya = await portal(browser);
  await priya.goto("/mypatients/register");
  await fillRegistration(priya, { fullName: "Dr. Priya Natarajan", email, npi: uniqueNpi(), practice: practice.name, password: PASSWORD });
  await expect(priya.getByRole("status")).toContainText(`We sent a verification email to ${email}.`);
  const verification = await readEmail(priya, { to: email, subject: "Verify your MyPatients email", since });
  await priya.goto(verification.links[0]!);
  await priya.getByRole("button", { name: "Verify my email" }).click();
  await expect(priya.getByRole("status")).toHaveText("Your email is verified and your account is active.");
  await priya.getByRole("link", { name: "Sign in to MyPatients" }).click();
  await priya.getByLabel("Email", { exact: true }).fill(email);
  await priya.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await priya.getByRole("button", { name: "Sign in" }).click();

  // Waiting: no search form, who approves, and the record is "not found".
  await expect(priya.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();
  await expect(priya.getByRole("main")).toContainText(WAITING);
  await expect(priya.getByRole("main")).toContainText(chen.fullName);
  await expect(priya.getByRole("button", { name: "Search" })).toHaveCount(0);
  await expectAccessible(priya);
  const refused = await priya.goto(`/mypatients/patients/${sofia.mrn}`);
  expect(refused?.status()).toBe(404);

  // Dr. Chen: the email's link → sign in → the practice page → Approve.
  const waiting = await readEmail(priya, { to: chen.email, subject: "A provider asked to join your practice in MyPatients", since });
  expect(waiting.text).toContain("Dr. Priya Natarajan");
  const admin = await portal(browser);
  await admin.goto(waiting.links[0]!);
  await expect(admin.getByRole("heading", { level: 1, name: "Sign in to MyPatients" })).toBeVisible();
  await admin.getByLabel("Email", { exact: true }).fill(chen.email);
  await admin.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: `Manage ${practice.name}` })).toBeVisible();
  await expectAccessible(admin);
  const row = admin.getByRole("listitem").filter({ hasText: "Dr. Priya Natarajan" });
  await row.getByRole("button", { name: /^Approve/ }).click();
  await expect(row).toContainText("Approved. They were told by email");

  // The newcomer is told, and now searches and opens the record.
  const approved = await readEmail(priya, { to: email, subject: "Your MyPatients account was approved", since });
  await priya.goto(approved.links[0]!);
  await priya.getByLabel("MRN").fill(sofia.mrn);
  await priya.getByRole("button", { name: "Search" }).click();
  await priya.getByRole("link", { name: `Open record of ${sofia.fullName}` }).click();
  await expect(priya.getByRole("heading", { level: 1, name: sofia.fullName })).toBeVisible();
  await expect(priya.getByRole("main")).toContainText(`Your practice, ${practice.name}, is this patient's primary care practice.`);

  // Dr. Chen's members now include her; removing her ends that access on her next request.
  await admin.reload();
  const member = admin.getByRole("listitem").filter({ hasText: "Dr. Priya Natarajan" });
  await member.getByRole("button", { name: /^Remove from practice/ }).click();
  await expect(member).toContainText("Removed from the practice");
  const afterRemoval = await priya.reload();
  expect(afterRemoval?.status()).toBe(404);
});

test("a provider still waiting for approval validates a token sent to their own email and opens that record, but still cannot search", async ({ browser }) => {
  const { chen, guardian } = await longwood();
  const waitingPractice = await createPractice({ name: "Jamaica Plain Family Medicine", kind: "PRIMARY_CARE", status: "PENDING" });
  const okafor = await createProvider({ fullName: "Dr. Sam Okafor", practice: waitingPractice, membership: "PENDING" });
  const mateo = await createPatient({ pcp: chen, firstName: "Mateo", lastName: uniqueSurname("Rivera"), dateOfBirth: "2011-07-02", links: [{ account: guardian, relationship: "GUARDIAN" }] });
  const since = new Date();
  await issueInvitationFor({ patient: mateo, providerEmail: okafor.email, issuer: guardian });

  const page = await portal(browser, okafor);
  await page.goto("/mypatients");
  await expect(page.getByRole("main")).toContainText(WAITING);
  await expect(page.getByRole("main")).toContainText(`once it has enrolled ${waitingPractice.name}`);
  const invitation = await readEmail(page, { to: okafor.email, subject: "You're invited to view a patient record in MyPatients", since });
  const token = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(invitation.text)![0];
  await page.goto(invitation.links[0]!);
  await page.getByLabel("Token").fill(token);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText("Token validated");
  await page.getByRole("link", { name: "Open record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: mateo.fullName })).toBeVisible();

  // The record is listed among those shared with them; search is still not theirs.
  await page.goto("/mypatients/shared");
  await expect(page.getByRole("heading", { level: 1, name: "Records shared with me" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(mateo.fullName) })).toContainText("Invitation token");
  await expectAccessible(page);
  await page.goto("/mypatients");
  await expect(page.getByRole("button", { name: "Search" })).toHaveCount(0);
});

test("the practice pages work with the keyboard alone, at 375 px, without JavaScript for finding a practice, and hide management from everyone else", async ({ browser }) => {
  // Four people and five pages, one of them without JavaScript.
  test.slow();
  const { practice, chen } = await longwood();
  const newcomer = await createProvider({ fullName: "Dr. Keyboard Newcomer", practice, membership: "PENDING" });
  const colleague = await createProvider({ fullName: "Dr. Plain Member", practice });

  // The site administrator, by keyboard, on a phone-sized screen.
  const admin = await portal(browser, chen);
  await admin.setViewportSize({ width: 375, height: 800 });
  await admin.goto("/mypatients/practice");
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const approve = admin.getByRole("button", { name: `Approve: ${newcomer.fullName}` });
  await admin.keyboard.press("Tab");
  for (let i = 0; i < 30 && !(await approve.evaluate((element) => element === document.activeElement)); i += 1) await admin.keyboard.press("Tab");
  await expect(approve).toBeFocused();
  await admin.keyboard.press("Enter");
  await expect(admin.getByRole("main")).toContainText("Approved. They were told by email");
  await admin.getByRole("button", { name: "Confirm members" }).focus();
  await admin.keyboard.press("Enter");
  await expect(admin.getByRole("main")).toContainText("The member list is confirmed for the next 90 days.");
  await expectAccessible(admin);

  // A plain member: no link in the header, and the page does not exist for them.
  const member = await portal(browser, colleague);
  await member.goto("/mypatients");
  await expect(member.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Manage practice" })).toHaveCount(0);
  const hidden = await member.goto("/mypatients/practice");
  expect(hidden?.status()).toBe(404);

  // Registration without JavaScript: "Search" lists the practices found, to choose from.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/mypatients/register");
  await page.getByLabel("Practice", { exact: true }).fill(partOf(practice.name));
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("radio", { name: new RegExp(`^${practice.name}`) })).toBeVisible();
  // What was found is said in the form's status, as a screen reader hears it with JavaScript too.
  await expect(page.getByRole("status")).toContainText(/enrolled practices? match(es)?\. Choose yours under "Choose your practice"\./);
  await context.close();

  // With JavaScript, by keyboard: type, arrow down to the practice, Enter chooses it.
  const withScript = await portal(browser);
  await withScript.goto("/mypatients/register");
  await withScript.getByLabel("Practice", { exact: true }).focus();
  await withScript.keyboard.type(practice.name);
  await expect(withScript.getByRole("option", { name: new RegExp(`^${practice.name}`) })).toBeVisible();
  await withScript.keyboard.press("ArrowDown");
  await withScript.keyboard.press("Enter");
  await expect(withScript.getByLabel("Practice", { exact: true })).toHaveValue(practice.name);
  await expect(withScript.getByRole("main")).toContainText(`Selected: ${practice.name}`);
  await expectAccessible(withScript);
});
