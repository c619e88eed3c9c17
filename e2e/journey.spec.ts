import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import {
  bornYearsAgo,
  createFamilyAccount,
  createGuardianWithChildren,
  createPatient,
  createPractice,
  createPrimaryCareProvider,
  createProvider,
  issueActivationCodeFor,
  PASSWORD,
  uniqueSurname,
  uniqueTag,
} from "./support/factories";
import { readEmail } from "./support/mailbox";
import { signInAs, type Account } from "./support/session";

// Both portals end to end, as the people involved use them, with the emails the app really sent.
// Each test makes its own family, patients and providers (e2e/support/factories.ts), modelled on
// the demo's: a guardian (Maria) of two children (Sofia, 8, and Mateo, 15) whose PCP is at a
// primary care practice, specialists at practices of their own, and a patient of 19 (Ava) with
// her own account.

async function portal(browser: Browser, as?: Account): Promise<Page> {
  const context = await browser.newContext();
  if (as) await signInAs(context, as);
  return context.newPage();
}

/** A pattern that matches `text` literally. */
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

test("a specialist requests a child's record; the guardian approves from the email for 6 months; he opens the record; she sees it and revokes; his next visit is refused", async ({ browser }) => {
  // Three people, four emails and seven accessibility checks: the longest test, by far.
  test.slow();
  const { pcp, guardian, sofia: child } = await createGuardianWithChildren();
  const specialist = await createProvider({ fullName: "Dr. Omar Haddad", practice: await createPractice({ name: "Fenway Pediatric Cardiology", kind: "SPECIALTY" }) });

  // The specialist: Patient Selection → not authorized → Request Non-PCP access.
  const haddad = await portal(browser, specialist);
  await haddad.goto("/mypatients");
  await expect(haddad.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();
  await expectAccessible(haddad);
  await haddad.getByLabel("Last name").fill(child.lastName.toLowerCase());
  await haddad.getByLabel("Date of birth").fill(child.dateOfBirth);
  await haddad.getByRole("button", { name: "Search" }).click();
  const sofia = haddad.getByRole("article", { name: child.fullName });
  await expect(sofia).toContainText("You are not authorized to view this patient's record.");
  await expectAccessible(haddad);
  await sofia.getByRole("button", { name: "Request Non-PCP access" }).click();
  await expect(sofia.getByLabel("Reason")).toBeFocused();
  await sofia.getByLabel("Reason").fill("Evaluation of a heart murmur");
  const since = new Date();
  await sofia.getByRole("button", { name: "Send request" }).click();
  await expect(sofia).toContainText("Access request pending");
  await haddad.goto("/mypatients/requests");
  await expect(haddad.getByRole("heading", { level: 1, name: "My access requests" })).toBeVisible();
  await expect(haddad.getByRole("row", { name: literally(child.fullName) })).toContainText("Pending");
  await expectAccessible(haddad);

  // The guardian: the email's link, signed out → sign in → back on the request → Approve, 6 months.
  const maria = await portal(browser);
  const request = await readEmail(maria, { to: guardian.email, subject: "A provider asked to see a record in MyChildren's", since });
  expect(request.text).toContain(specialist.fullName);
  expect(request.text).not.toContain(child.firstName);
  await maria.goto(request.links[0]!);
  await expect(maria.getByRole("heading", { level: 1, name: "Sign in to MyChildren's" })).toBeVisible();
  await maria.getByLabel("Email", { exact: true }).fill(guardian.email);
  await maria.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await maria.getByRole("button", { name: "Sign in" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: "Access request" })).toBeVisible();
  await expect(maria.getByRole("main")).toContainText(specialist.practice.name);
  await expect(maria.getByRole("main")).toContainText("Evaluation of a heart murmur");
  await expectAccessible(maria);
  await maria.getByRole("radio", { name: "6 months" }).check();
  await maria.getByRole("button", { name: "Approve" }).click();
  await expect(maria.getByRole("status")).toContainText("Approved");
  // A replayed decision is refused.
  await maria.reload();
  await expect(maria.getByRole("status")).toHaveText("This request was already answered");

  // The specialist: the approval email → the record.
  const approved = await readEmail(haddad, { to: specialist.email, subject: "Your access request was approved", since });
  await haddad.goto(approved.links[0]!);
  await expect(haddad.getByRole("heading", { level: 1, name: child.fullName })).toBeVisible();
  await expect(haddad.getByText(/The patient or guardian approved your request .* ends on/)).toBeVisible();

  // The guardian: Record activity shows the view; Who can see → Revoke.
  await maria.goto(`/mychildren/patients/${child.mrn}/activity`);
  await expect(maria.getByRole("heading", { level: 1, name: "Record activity" })).toBeVisible();
  await expect(maria.getByRole("row").nth(1)).toContainText(`${specialist.fullName}, ${specialist.practice.name}`);
  await expect(maria.getByRole("row").nth(1)).toContainText("Viewed the record");
  await expectAccessible(maria);
  await maria.goto(`/mychildren/patients/${child.mrn}/sharing`);
  await expect(maria.getByRole("heading", { level: 1, name: `Who can see ${child.firstName}'s record` })).toBeVisible();
  await expect(maria.getByRole("main")).toContainText(pcp.practice.name);
  await expectAccessible(maria);
  await maria.getByRole("button", { name: `Revoke access of ${specialist.fullName}` }).click();
  await expect(maria.getByRole("button", { name: `Revoke access of ${specialist.fullName}` })).toHaveCount(0);

  // The specialist: refused on his very next request (the record is gone; he is told when his
  // access ended, which he knew), and told by email.
  await haddad.reload();
  await expect(haddad.getByRole("heading", { level: 1, name: new RegExp(`^Your access to ${literally(child.fullName).source}'s record ended on `) })).toBeVisible();
  await expect(haddad.getByRole("main")).not.toContainText("Allergies");
  await readEmail(haddad, { to: specialist.email, subject: "Your access to a patient record has ended", since });
  await haddad.goto("/mypatients/requests");
  await expect(haddad.getByRole("row", { name: literally(child.fullName) })).toContainText("the family revoked it");
});

test("a guardian invites a provider for her second child; he validates the emailed token with the child's MRN and opens the record", async ({ browser }) => {
  const { guardian, mateo: child } = await createGuardianWithChildren();
  const provider = await createProvider({ fullName: "Dr. Lena Ortiz", practice: await createPractice({ name: "Back Bay Dermatology", kind: "SPECIALTY" }) });
  const maria = await portal(browser, guardian);
  await maria.goto("/mychildren");
  await expect(maria.getByRole("heading", { level: 1, name: "MyChildren's" })).toBeVisible();
  await expectAccessible(maria);
  await maria.getByRole("link", { name: `Who can see ${child.firstName}'s record` }).click();
  await maria.getByLabel("Provider email").fill("not an email");
  await maria.getByRole("button", { name: "Send invitation" }).click();
  await expect(maria.getByText("Enter the provider's email address.")).toBeVisible();
  await maria.getByLabel("Provider email").fill(provider.email);
  const since = new Date();
  await maria.getByRole("button", { name: "Send invitation" }).click();
  await expect(maria.getByRole("status").filter({ hasText: `Invitation sent to ${provider.email}` })).toBeVisible();
  await expect(maria.getByRole("main")).toContainText("Invitations not used yet");

  const ortiz = await portal(browser, provider);
  const invitation = await readEmail(ortiz, { to: provider.email, subject: "You're invited to view a patient record in MyPatients", since });
  const token = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(invitation.text)![0];
  // Validate a Token with the MRN filled in, and registration that comes back there: the token is in the body, never in a URL.
  const origin = new URL(invitation.links[0]!).origin;
  expect(invitation.links).toEqual([`${origin}/mypatients/validate-token?mrn=${child.mrn}`, `${origin}/mypatients/register?next=${encodeURIComponent(`/mypatients/validate-token?mrn=${child.mrn}`)}`]);
  expect(invitation.links[1]).not.toContain(token);
  expect(invitation.links[0]).not.toContain(token);
  await ortiz.goto(invitation.links[0]!);
  await expect(ortiz.getByLabel("MRN")).toHaveValue(child.mrn);
  await ortiz.getByLabel("Token").fill(token);
  await ortiz.getByRole("button", { name: "Submit" }).click();
  await expect(ortiz.getByRole("status")).toContainText("Token validated");
  await ortiz.getByRole("link", { name: "Open record" }).click();
  await expect(ortiz.getByRole("heading", { level: 1, name: child.fullName })).toBeVisible();
});

test("MyChildren's pages work at 375 px wide, and other families get 'not found'", async ({ browser }) => {
  const pcp = await createPrimaryCareProvider();
  const account = await createFamilyAccount({ fullName: "Ava Thompson" });
  const own = await createPatient({ pcp, firstName: "Ava", lastName: uniqueSurname("Thompson"), dateOfBirth: bornYearsAgo(19), sex: "FEMALE", links: [{ account, relationship: "SELF" }] });
  const { sofia: otherFamilysChild } = await createGuardianWithChildren();
  const ava = await portal(browser, account);
  await ava.setViewportSize({ width: 375, height: 740 });
  await ava.goto("/mychildren");
  await expect(ava.getByRole("heading", { level: 2, name: "Records you manage" })).toBeVisible();
  expect(await ava.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(ava);
  for (const path of [`/mychildren/patients/${otherFamilysChild.mrn}/sharing`, `/mychildren/patients/${otherFamilysChild.mrn}/activity`]) {
    const response = await ava.goto(path);
    expect(response?.status()).toBe(404);
  }
  await ava.goto(`/mychildren/patients/${own.mrn}/activity`);
  await expect(ava.getByRole("heading", { level: 1, name: "Record activity" })).toBeVisible();
});

test("a guardian joins with an activation code from the hospital and then sees the child on MyChildren's", async ({ browser }) => {
  // A patient with no MyChildren's account yet.
  const noah = await createPatient({ pcp: await createPrimaryCareProvider(), firstName: "Noah", lastName: uniqueSurname("Brooks"), dateOfBirth: "2019-09-09", sex: "MALE" });
  const code = await issueActivationCodeFor(noah, "GUARDIAN");
  const email = `noah-guardian-${uniqueTag()}@family.example`;

  const page = await portal(browser);
  await page.goto("/mychildren/login");
  await page.getByRole("link", { name: "Join MyChildren's" }).click();
  await expectAccessible(page);
  await page.getByLabel("Activation code").fill("ZZZZ-ZZZZ-ZZZZ-ZZZZ");
  await page.getByLabel("Full name").fill("Jordan Brooks");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This activation code is not valid. Check it, or ask the hospital for a new one.").first()).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await page.getByLabel("Activation code").fill(code);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Your account is ready.")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 3, name: noah.fullName })).toBeVisible();
});
