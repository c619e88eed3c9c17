import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import {
  bornYearsAgo,
  createFamilyAccount,
  createGuardianWithChildren,
  createPatient,
  createPractice,
  createPrimaryCareProvider,
  createProvider,
  issueInvitationFor,
  uniqueSurname,
  type FamilyAccount,
  type Patient,
} from "./support/factories";
import { readEmail } from "./support/mailbox";
import { signInAs } from "./support/session";

// The provider experience of SPEC §4, with people and records made for each test, modelled on the
// demo data of SPEC §8 (e2e/support/factories.ts).

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

/** An invitation for `patient` issued by `guardian` through the domain function (at `now`); returns the emailed token. */
async function inviteProvider(patient: Patient, guardian: FamilyAccount, providerEmail: string, page: Page, now?: Date): Promise<string> {
  const since = new Date();
  await issueInvitationFor({ patient, providerEmail, issuer: guardian, now });
  const email = await readEmail(page, { to: providerEmail, subject: "You're invited to view a patient record in MyPatients", since });
  return /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(email.text)![0];
}

/** A specialist with no access to anyone. */
const createSpecialist = async () => createProvider({ fullName: "Dr. Lena Ortiz", practice: await createPractice({ name: "Back Bay Dermatology", kind: "SPECIALTY" }) });

// A specialist's request for a child, and what the family does with it, is e2e/journey.spec.ts.

test("searching a patient without a MyChildren's account says so, with no request button", async ({ page, context }) => {
  const patient = await createPatient({ pcp: await createPrimaryCareProvider(), firstName: "Ethan", lastName: uniqueSurname("Brooks"), dateOfBirth: "2016-11-30", sex: "MALE" });
  await signInAs(context, await createSpecialist());
  await page.goto("/mypatients");
  await searchByName(page, patient.lastName, patient.dateOfBirth, "ethan");
  const ethan = page.getByRole("article", { name: patient.fullName });
  await expect(ethan).toContainText("This patient does not have a MyChildren's account");
  await expect(ethan.getByRole("button")).toHaveCount(0);
});

test("a search without enough criteria is refused, and no match says so", async ({ page, context }) => {
  await signInAs(context, await createSpecialist());
  await page.goto("/mypatients");
  await page.getByLabel("Last name").fill("Rivera");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText("Search by MRN, or by last name and date of birth.");
  await expect(page.getByLabel("Last name")).toHaveValue("Rivera");
  await searchByMrn(page, "7777777");
  await expect(page.getByRole("status")).toHaveText("No matching patient found");
});

test("a PCP opens a patient's record directly, with every section and why she may see it", async ({ page, context }) => {
  const { pcp, sofia } = await createGuardianWithChildren();
  await signInAs(context, pcp);
  await page.goto("/mypatients");
  await searchByMrn(page, sofia.mrn);
  await page.getByRole("link", { name: `Open record of ${sofia.fullName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: sofia.fullName })).toBeVisible();
  for (const section of ["Allergies", "Medications", "Problems", "Immunizations", "Visits", "Results"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByText(`Your practice, ${pcp.practice.name}, is this patient's primary care practice.`)).toBeVisible();
  await expectAccessible(page);
});

test("a provider without access gets 'not found' for a record, exactly as for a patient that does not exist", async ({ page, context }) => {
  const patient = await createPatient({ pcp: await createPrimaryCareProvider(), firstName: "Ethan", lastName: uniqueSurname("Brooks"), dateOfBirth: "2016-11-30", sex: "MALE" });
  await signInAs(context, await createSpecialist());
  const refused = await page.goto(`/mypatients/patients/${patient.mrn}`);
  expect(refused?.status()).toBe(404);
  const refusedText = await page.getByRole("main").innerText();
  const missing = await page.goto("/mypatients/patients/9999999");
  expect(missing?.status()).toBe(404);
  expect(await page.getByRole("main").innerText()).toBe(refusedText);
  expect(refusedText).not.toContain(patient.firstName);
  expect(refusedText).not.toContain(patient.lastName);
});

test("a provider validates a token issued for a child and opens the record", async ({ page, context }) => {
  const { guardian, mateo } = await createGuardianWithChildren();
  const provider = await createSpecialist();
  const token = await inviteProvider(mateo, guardian, provider.email, page);
  await signInAs(context, provider);
  await page.goto("/mypatients");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Validate a Token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Validate a Token" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Token").fill(token.toLowerCase());
  await page.getByLabel("MRN").fill(mateo.mrn);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status")).toContainText("Token validated");
  await page.getByRole("link", { name: "Open record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: mateo.fullName })).toBeVisible();
  await expect(page.getByText(/You validated an invitation token from the family/)).toBeVisible();

  // The record also opens from search now.
  await page.goto("/mypatients");
  await searchByMrn(page, mateo.mrn);
  await expect(page.getByRole("link", { name: `Open record of ${mateo.fullName}` })).toBeVisible();
});

test("the invitation link pre-fills the MRN; a wrong MRN, an expired token and too many attempts get SPEC §4's messages", async ({ page, context }) => {
  const { guardian, sofia, mateo } = await createGuardianWithChildren();
  const provider = await createProvider({ fullName: "Dr. Omar Haddad", practice: await createPractice({ name: "Fenway Pediatric Cardiology", kind: "SPECIALTY" }) });
  const token = await inviteProvider(mateo, guardian, provider.email, page);
  await signInAs(context, provider);
  await page.goto(`/mypatients/validate-token?mrn=${mateo.mrn}`);
  await expect(page.getByLabel("MRN")).toHaveValue(mateo.mrn);

  const submit = async (value: string, mrn: string) => {
    await page.getByLabel("Token").fill(value);
    await page.getByLabel("MRN").fill(mrn);
    await page.getByRole("button", { name: "Submit" }).click();
    // The answer has arrived when the form was reset: the token is never sent back.
    await expect(page.getByLabel("Token")).toHaveValue("");
  };
  await submit(token, sofia.mrn);
  await expect(page.getByRole("status")).toHaveText("This token is not valid for this MRN");

  // An expired token sent to this provider: issued (through the domain function) more than six months ago.
  const expired = await inviteProvider(sofia, guardian, provider.email, page, new Date(Date.now() - 200 * 86_400_000));
  await submit(expired, sofia.mrn);
  await expect(page.getByRole("status")).toHaveText("This token has expired");

  for (let i = 0; i < 3; i += 1) {
    await submit("ZZZZ-ZZZZ-ZZZZ-ZZZZ", mateo.mrn);
    await expect(page.getByRole("status")).toHaveText("This token is not valid for this MRN");
  }
  // Five failures so far: the right token is refused for 15 minutes.
  await submit(token, mateo.mrn);
  await expect(page.getByRole("status")).toHaveText("Too many attempts. Try again in 15 minutes.");
});

test("MyPatients pages work at 375 px wide and with the keyboard alone", async ({ page, context }) => {
  const pcp = await createPrimaryCareProvider();
  const ava = await createPatient({ pcp, firstName: "Ava", lastName: uniqueSurname("Thompson"), dateOfBirth: bornYearsAgo(19), sex: "FEMALE", links: [{ account: await createFamilyAccount({ fullName: "Ava Thompson" }), relationship: "SELF" }] });
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(context, pcp);
  await page.goto("/mypatients");
  // Keyboard only: tab to the MRN field, type, submit with Enter, tab to the result's link, open it.
  await page.getByLabel("MRN").focus();
  await page.keyboard.type(ava.mrn);
  await page.keyboard.press("Enter");
  const open = page.getByRole("link", { name: `Open record of ${ava.fullName}` });
  await expect(open).toBeVisible();
  await open.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: ava.fullName })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});

test("every MyPatients page fits 375 px and passes axe-core", async ({ page, context }) => {
  const { pcp, sofia, mateo } = await createGuardianWithChildren();
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAs(context, pcp);
  for (const path of ["/mypatients", "/mypatients/requests", `/mypatients/validate-token?mrn=${sofia.mrn}`, `/mypatients/patients/${mateo.mrn}`, "/mypatients/patients/0000000"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  }
});
