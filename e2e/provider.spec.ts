import { expect, test, type Page } from "@playwright/test";
import { issueInvitation } from "@/lib/tokens/issue";
import { expectAccessible } from "./support/axe";
import { readEmail } from "./support/mailbox";
import { signInAs, testDatabase } from "./support/session";

// The provider experience of SPEC §4, with the demo data of SPEC §8.

async function searchByName(page: Page, lastName: string, dateOfBirth: string, firstName = "") {
  await page.getByLabel("Last name").fill(lastName);
  await page.getByLabel("First name").fill(firstName);
  await page.getByLabel("Date of birth").fill(dateOfBirth);
  await page.getByRole("button", { name: "Search" }).click();
}

async function searchByMrn(page: Page, mrn: string) {
  await page.getByLabel("MRN").fill(mrn);
  await page.getByRole("button", { name: "Search" }).click();
}

/** An invitation for `mrn` issued by its guardian through the domain function; returns the emailed token. */
async function inviteProvider(mrn: string, providerEmail: string, page: Page): Promise<string> {
  const prisma = testDatabase();
  const maria = await prisma.familyAccount.findUniqueOrThrow({ where: { email: "parent@family.example" } });
  const since = new Date();
  const issued = await issueInvitation({ mrn, providerEmail }, { issuer: { accountId: maria.id } }, prisma);
  expect(issued.ok).toBe(true);
  const email = await readEmail(page, { to: providerEmail, subject: "You're invited to view a patient record in MyPatients", since });
  return /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(email.text)![0];
}

// Dr. Haddad's request for Sofia, and what the family does with it, is e2e/journey.spec.ts.

test("searching Ethan shows that he has no MyChildren's account, with no request button", async ({ page, context }) => {
  await signInAs(context, "mypatients", "derm@backbay.example");
  await page.goto("/mypatients");
  await searchByName(page, "Brooks", "2016-11-30", "ethan");
  const ethan = page.getByRole("article", { name: "Ethan Brooks" });
  await expect(ethan).toContainText("This patient does not have a MyChildren's account");
  await expect(ethan.getByRole("button")).toHaveCount(0);
});

test("a search without enough criteria is refused, and no match says so", async ({ page, context }) => {
  await signInAs(context, "mypatients", "derm@backbay.example");
  await page.goto("/mypatients");
  await page.getByLabel("Last name").fill("Rivera");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText("Search by MRN, or by last name and date of birth.");
  await expect(page.getByLabel("Last name")).toHaveValue("Rivera");
  await searchByMrn(page, "7777777");
  await expect(page.getByRole("status")).toHaveText("No matching patient found");
});

test("Dr. Chen opens Sofia's record directly, with every section and why she may see it", async ({ page, context }) => {
  await signInAs(context, "mypatients", "pcp@longwood.example");
  await page.goto("/mypatients");
  await searchByMrn(page, "1000001");
  await page.getByRole("link", { name: "Open record of Sofia Rivera" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sofia Rivera" })).toBeVisible();
  for (const section of ["Allergies", "Medications", "Problems", "Immunizations", "Visits", "Results"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByText("Your practice, Longwood Pediatrics, is this patient's primary care practice.")).toBeVisible();
  await expectAccessible(page);
});

test("a provider without access gets 'not found' for a record, exactly as for a patient that does not exist", async ({ page, context }) => {
  await signInAs(context, "mypatients", "derm@backbay.example");
  const refused = await page.goto("/mypatients/patients/1000003");
  expect(refused?.status()).toBe(404);
  const refusedText = await page.getByRole("main").innerText();
  const missing = await page.goto("/mypatients/patients/9999999");
  expect(missing?.status()).toBe(404);
  expect(await page.getByRole("main").innerText()).toBe(refusedText);
  expect(refusedText).not.toContain("Ethan");
});

test("Dr. Ortiz validates a token issued for Mateo and opens his record", async ({ page, context }) => {
  const token = await inviteProvider("1000002", "derm@backbay.example", page);
  await signInAs(context, "mypatients", "derm@backbay.example");
  await page.goto("/mypatients");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Validate a Token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Validate a Token" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Token").fill(token.toLowerCase());
  await page.getByLabel("MRN").fill("1000002");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText("Token validated");
  await page.getByRole("link", { name: "Open record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mateo Rivera" })).toBeVisible();
  await expect(page.getByText(/You validated an invitation token from the family/)).toBeVisible();

  // The record also opens from search now.
  await page.goto("/mypatients");
  await searchByMrn(page, "1000002");
  await expect(page.getByRole("link", { name: "Open record of Mateo Rivera" })).toBeVisible();
});

test("the invitation link pre-fills the MRN; a wrong MRN, an expired token and too many attempts get SPEC §4's messages", async ({ page, context }) => {
  const providerEmail = "cardio@fenway.example";
  const token = await inviteProvider("1000002", providerEmail, page);
  await signInAs(context, "mypatients", providerEmail);
  await page.goto("/mypatients/validate-token?mrn=1000002");
  await expect(page.getByLabel("MRN")).toHaveValue("1000002");

  const submit = async (value: string, mrn: string) => {
    await page.getByLabel("Token").fill(value);
    await page.getByLabel("MRN").fill(mrn);
    await page.getByRole("button", { name: "Submit" }).click();
    // The answer has arrived when the form was reset: the token is never sent back.
    await expect(page.getByLabel("Token")).toHaveValue("");
  };
  await submit(token, "1000001");
  await expect(page.getByRole("status")).toHaveText("This token is not valid for this MRN");

  // An expired token: issued (through the domain function) more than six months ago.
  const prisma = testDatabase();
  const maria = await prisma.familyAccount.findUniqueOrThrow({ where: { email: "parent@family.example" } });
  await issueInvitation({ mrn: "1000001", providerEmail: "expired-invite@clinic.example" }, { issuer: { accountId: maria.id }, now: new Date(Date.now() - 200 * 86_400_000) }, prisma);
  const expired = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec((await readEmail(page, { to: "expired-invite@clinic.example", subject: "You're invited to view a patient record in MyPatients" })).text)![0];
  await submit(expired, "1000001");
  await expect(page.getByRole("status")).toHaveText("This token has expired");

  for (let i = 0; i < 3; i += 1) {
    await submit("ZZZZ-ZZZZ-ZZZZ-ZZZZ", "1000002");
    await expect(page.getByRole("status")).toHaveText("This token is not valid for this MRN");
  }
  // Five failures so far: the right token is refused for 15 minutes.
  await submit(token, "1000002");
  await expect(page.getByRole("status")).toHaveText("Too many attempts. Try again in 15 minutes.");
});

test("MyPatients pages work at 375 px wide and with the keyboard alone", async ({ page, context }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(context, "mypatients", "pcp@longwood.example");
  await page.goto("/mypatients");
  // Keyboard only: tab to the MRN field, type, submit with Enter, tab to the result's link, open it.
  await page.getByLabel("MRN").focus();
  await page.keyboard.type("1000004");
  await page.keyboard.press("Enter");
  const open = page.getByRole("link", { name: "Open record of Ava Thompson" });
  await expect(open).toBeVisible();
  await open.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Ava Thompson" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test("every MyPatients page fits 375 px and passes axe-core", async ({ page, context }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(context, "mypatients", "pcp@longwood.example");
  for (const path of ["/mypatients", "/mypatients/requests", "/mypatients/validate-token?mrn=1000001", "/mypatients/patients/1000002", "/mypatients/patients/0000000"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  }
});
