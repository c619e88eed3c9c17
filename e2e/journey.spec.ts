import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { readEmail } from "./support/mailbox";
import { signInAs } from "./support/session";

// Both portals end to end, as the people involved use them, with the emails the app really sent.

const DEMO_PASSWORD = "demo-password-2026";

async function portal(browser: Browser, as?: { portal: "mypatients" | "mychildren"; email: string }): Promise<Page> {
  const context = await browser.newContext();
  if (as) await signInAs(context, as.portal, as.email);
  return context.newPage();
}

test("Dr. Haddad requests Sofia; Maria approves from the email for 6 months; he opens the record; Maria sees it and revokes; his next visit is refused", async ({ browser }) => {
  // Dr. Haddad: Patient Selection → not authorized → Request Non-PCP access.
  const haddad = await portal(browser, { portal: "mypatients", email: "cardio@fenway.example" });
  await haddad.goto("/mypatients");
  await expect(haddad.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();
  await expectAccessible(haddad);
  await haddad.getByLabel("Last name").fill("rivera");
  await haddad.getByLabel("Date of birth").fill("2018-03-14");
  await haddad.getByRole("button", { name: "Search" }).click();
  const sofia = haddad.getByRole("article", { name: "Sofia Rivera" });
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
  await expect(haddad.getByRole("row", { name: /Sofia Rivera/ })).toContainText("Pending");
  await expectAccessible(haddad);

  // Maria: the email's link, signed out → sign in → back on the request → Approve, 6 months.
  const maria = await portal(browser);
  const request = await readEmail(maria, { to: "parent@family.example", subject: "A provider asked to see a record in MyChildren's", since });
  expect(request.text).toContain("Dr. Omar Haddad");
  expect(request.text).not.toContain("Sofia");
  await maria.goto(request.links[0]!);
  await expect(maria.getByRole("heading", { level: 1, name: "Sign in to MyChildren's" })).toBeVisible();
  await maria.getByLabel("Email", { exact: true }).fill("parent@family.example");
  await maria.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await maria.getByRole("button", { name: "Sign in" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: "Access request" })).toBeVisible();
  await expect(maria.getByRole("main")).toContainText("Fenway Pediatric Cardiology");
  await expect(maria.getByRole("main")).toContainText("Evaluation of a heart murmur");
  await expectAccessible(maria);
  await maria.getByRole("radio", { name: "6 months" }).check();
  await maria.getByRole("button", { name: "Approve" }).click();
  await expect(maria.getByRole("status")).toContainText("Approved");
  // A replayed decision is refused.
  await maria.reload();
  await expect(maria.getByRole("status")).toHaveText("This request was already answered");

  // Dr. Haddad: the approval email → the record.
  const approved = await readEmail(haddad, { to: "cardio@fenway.example", subject: "Your access request was approved", since });
  await haddad.goto(approved.links[0]!);
  await expect(haddad.getByRole("heading", { level: 1, name: "Sofia Rivera" })).toBeVisible();
  await expect(haddad.getByText(/The patient or guardian approved your request .* ends on/)).toBeVisible();

  // Maria: Record activity shows the view; Who can see → Revoke.
  await maria.goto("/mychildren/patients/1000001/activity");
  await expect(maria.getByRole("heading", { level: 1, name: "Record activity" })).toBeVisible();
  await expect(maria.getByRole("row").nth(1)).toContainText("Dr. Omar Haddad, Fenway Pediatric Cardiology");
  await expect(maria.getByRole("row").nth(1)).toContainText("Viewed the record");
  await expectAccessible(maria);
  await maria.goto("/mychildren/patients/1000001/sharing");
  await expect(maria.getByRole("heading", { level: 1, name: "Who can see Sofia's record" })).toBeVisible();
  await expect(maria.getByRole("main")).toContainText("Longwood Pediatrics");
  await expectAccessible(maria);
  await maria.getByRole("button", { name: "Revoke access of Dr. Omar Haddad" }).click();
  await expect(maria.getByRole("button", { name: "Revoke access of Dr. Omar Haddad" })).toHaveCount(0);

  // Dr. Haddad: refused on his very next request, and told by email.
  const refused = await haddad.reload();
  expect(refused?.status()).toBe(404);
  await expect(haddad.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await readEmail(haddad, { to: "cardio@fenway.example", subject: "Your access to a patient record has ended", since });
  await haddad.goto("/mypatients/requests");
  await expect(haddad.getByRole("row", { name: /Sofia Rivera/ })).toContainText("the family revoked it");
});

test("Maria invites Dr. Ortiz for Mateo; he validates the emailed token with MRN 1000002 and opens the record", async ({ browser }) => {
  const maria = await portal(browser, { portal: "mychildren", email: "parent@family.example" });
  await maria.goto("/mychildren");
  await expect(maria.getByRole("heading", { level: 1, name: "MyChildren's" })).toBeVisible();
  await expectAccessible(maria);
  await maria.getByRole("link", { name: "Who can see Mateo's record" }).click();
  await maria.getByLabel("Provider email").fill("not an email");
  await maria.getByRole("button", { name: "Send invitation" }).click();
  await expect(maria.getByText("Enter the provider's email address.")).toBeVisible();
  await maria.getByLabel("Provider email").fill("derm@backbay.example");
  const since = new Date();
  await maria.getByRole("button", { name: "Send invitation" }).click();
  await expect(maria.getByRole("status").filter({ hasText: "Invitation sent to derm@backbay.example" })).toBeVisible();
  await expect(maria.getByRole("main")).toContainText("Invitations not used yet");

  const ortiz = await portal(browser, { portal: "mypatients", email: "derm@backbay.example" });
  const invitation = await readEmail(ortiz, { to: "derm@backbay.example", subject: "You're invited to view a patient record in MyPatients", since });
  const token = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(invitation.text)![0];
  for (const link of invitation.links) expect(link).not.toContain(token);
  await ortiz.goto(invitation.links[0]!);
  await expect(ortiz.getByLabel("MRN")).toHaveValue("1000002");
  await ortiz.getByLabel("Token").fill(token);
  await ortiz.getByRole("button", { name: "Submit" }).click();
  await expect(ortiz.getByRole("status")).toContainText("Token validated");
  await ortiz.getByRole("link", { name: "Open record" }).click();
  await expect(ortiz.getByRole("heading", { level: 1, name: "Mateo Rivera" })).toBeVisible();
});

test("MyChildren's pages work at 375 px wide, and other families get 'not found'", async ({ browser }) => {
  const ava = await portal(browser, { portal: "mychildren", email: "ava@family.example" });
  await ava.setViewportSize({ width: 375, height: 740 });
  await ava.goto("/mychildren");
  await expect(ava.getByRole("heading", { level: 2, name: "Records you manage" })).toBeVisible();
  expect(await ava.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(ava);
  for (const path of ["/mychildren/patients/1000001/sharing", "/mychildren/patients/1000001/activity"]) {
    const response = await ava.goto(path);
    expect(response?.status()).toBe(404);
  }
  await ava.goto("/mychildren/patients/1000004/activity");
  await expect(ava.getByRole("heading", { level: 1, name: "Record activity" })).toBeVisible();
});

test("a guardian joins with an activation code from the hospital and then sees the child on MyChildren's", async ({ browser }) => {
  const { issueActivationCode } = await import("@/lib/family/activation");
  const { testDatabase } = await import("./support/session");
  // A patient of Dr. Chen's with no MyChildren's account yet (Ethan stays that way for the other specs).
  const prisma = testDatabase();
  const chen = await prisma.provider.findUniqueOrThrow({ where: { email: "pcp@longwood.example" } });
  const mrn = String(8_000_000 + Math.floor(Math.random() * 999_999));
  await prisma.patient.create({ data: { mrn, firstName: "Noah", lastName: "Brooks", firstNameKey: "noah", lastNameKey: "brooks", dateOfBirth: new Date("2019-09-09T00:00:00Z"), sex: "MALE", pcpId: chen.id } });
  const issued = await issueActivationCode({ mrn, relationship: "GUARDIAN" }, { staff: "e2e registration desk" }, prisma);
  if (!issued.ok) throw new Error(issued.message);
  const email = `noah-guardian-${Date.now()}@family.example`;

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

  await page.getByLabel("Activation code").fill(issued.code);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Your account is ready.")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long enough password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Noah Brooks" })).toBeVisible();
});
