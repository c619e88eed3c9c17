import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { bornYearsAgo, createFamilyAccount, createPatient, createPractice, createPrimaryCareProvider, createProvider, PASSWORD, uniqueMrn, uniqueNpi, uniqueSurname } from "./support/factories";
import { readEmail } from "./support/mailbox";
import { fillRegistration } from "./support/registration";

// Sign-in, registration and sessions through the UI, as people use them (SPEC §4, §5, §7). Each
// test signs in with people of its own (e2e/support/factories.ts).

const NEW_PASSWORD = "a long enough passphrase";
const SIGN_IN_REFUSED = "That email and password did not work. After 10 unsuccessful tries, sign-in is paused for 15 minutes.";

let counter = 0;
function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const account = (page: Page) => page.getByRole("navigation", { name: "Account" });

test("a provider registers, verifies the email, signs in and signs out", async ({ page }) => {
  const email = `new-provider-${unique()}@clinic.example`;
  const practice = await createPractice({ name: "Fenway Pediatric Cardiology", kind: "SPECIALTY" });
  await page.goto("/mypatients/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MyPatients" })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "MyPatients Registration" })).toBeVisible();

  await fillRegistration(page, { fullName: "Dr. Rosa Alvarez", email, npi: uniqueNpi(), practice: practice.name, password: NEW_PASSWORD });
  await expect(page.getByRole("status")).toContainText(`We sent a verification email to ${email}.`);

  // Not verified yet: sign-in is refused with the one generic message.
  await page.goto("/mypatients/login");
  await fillSignIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole("status")).toHaveText(SIGN_IN_REFUSED);

  const message = await readEmail(page, { to: email, subject: "Verify your MyPatients email" });
  const link = message.links.find((href) => new URL(href).pathname === "/mypatients/verify-email");
  expect(link).toBeDefined();
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1, name: "Verify your email" })).toBeVisible();
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByRole("status")).toHaveText("Your email is verified and your account is active.");
  await page.getByRole("link", { name: "Sign in to MyPatients" }).click();

  await fillSignIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/mypatients$/);
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(account(page).getByRole("link", { name: "Validate a Token" })).toHaveAttribute("href", "/mypatients/validate-token");

  await account(page).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/mypatients\/login$/);
  await expect(account(page).getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await page.goto("/mypatients");
  await expect(page).toHaveURL(/\/mypatients\/login$/);

  // The link works once.
  await page.goto(link!);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This verification link has already been used. If it was you, your email is verified: sign in.");
  await expect(page.getByRole("button", { name: "Verify my email" })).toHaveCount(0);
});

test("signing out ends the session on the server: a copy of the cookie opens nothing", async ({ page, context }) => {
  const provider = await createProvider({ fullName: "Dr. Lena Ortiz" });
  await page.goto("/mypatients/login");
  await fillSignIn(page, provider.email, PASSWORD);
  await expect(page).toHaveURL(/\/mypatients$/);
  const saved = await context.cookies();
  expect(saved.find((cookie) => cookie.name === "mypatients.session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await account(page).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/mypatients\/login$/);
  await context.addCookies(saved);
  await page.goto("/mypatients");
  await expect(page).toHaveURL(/\/mypatients\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MyPatients" })).toBeVisible();
});

test("a deep link to a protected page survives sign-in", async ({ page }) => {
  const provider = await createProvider({ fullName: "Dr. Omar Haddad" });
  const mrn = uniqueMrn();
  await page.goto(`/mypatients/validate-token?mrn=${mrn}`);
  await expect(page).toHaveURL(new RegExp(`/mypatients/login\\?next=%2Fmypatients%2Fvalidate-token%3Fmrn%3D${mrn}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MyPatients" })).toBeVisible();
  await fillSignIn(page, provider.email, PASSWORD);
  await expect(page).toHaveURL(new RegExp(`/mypatients/validate-token\\?mrn=${mrn}$`));
});

test("a return path to another site is not followed", async ({ page }) => {
  const provider = await createProvider({ fullName: "Dr. Paula Chen" });
  for (const next of ["//evil.example/mypatients", "https://evil.example/", "/\\evil.example"]) {
    await page.goto(`/mypatients/login?next=${encodeURIComponent(next)}`);
    await fillSignIn(page, provider.email, PASSWORD);
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/mypatients$/);
    await account(page).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/mypatients\/login$/);
  }
});

test("a provider's session does not open MyChildren's, and each portal keeps its own session", async ({ page }) => {
  const provider = await createProvider({ fullName: "Dr. Omar Haddad" });
  const family = await createFamilyAccount({ fullName: "Maria Rivera" });
  await page.goto("/mypatients/login");
  await fillSignIn(page, provider.email, PASSWORD);
  await expect(page).toHaveURL(/\/mypatients$/);

  await page.goto("/mychildren");
  await expect(page).toHaveURL(/\/mychildren\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MyChildren's" })).toBeVisible();
  await expect(account(page)).toHaveCount(0);

  // Each portal has its own session: signing in to one leaves the other as it was.
  await fillSignIn(page, family.email, PASSWORD);
  await expect(page).toHaveURL(/\/mychildren$/);
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/mypatients");
  await expect(page).toHaveURL(/\/mypatients$/);
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.goto("/mychildren");
  await account(page).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/mychildren\/login$/);
  await page.goto("/mypatients");
  await expect(page).toHaveURL(/\/mypatients$/);
});

test("a family's session does not open MyPatients", async ({ page }) => {
  const ava = await createFamilyAccount({ fullName: "Ava Thompson" });
  const pcp = await createPrimaryCareProvider();
  const patient = await createPatient({ pcp, firstName: "Ava", lastName: uniqueSurname("Thompson"), dateOfBirth: bornYearsAgo(19), links: [{ account: ava, relationship: "SELF" }] });
  await page.goto("/mychildren/login");
  await fillSignIn(page, ava.email, PASSWORD);
  await expect(page).toHaveURL(/\/mychildren$/);
  await expect(account(page).getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto(`/mypatients/patients/${patient.mrn}`);
  await expect(page).toHaveURL(new RegExp(`/mypatients/login\\?next=%2Fmypatients%2Fpatients%2F${patient.mrn}$`));
});

test("a wrong password and an unknown email get the same answer, and the email is kept", async ({ page }) => {
  const family = await createFamilyAccount({ fullName: "Maria Rivera" });
  await page.goto("/mychildren/login");
  await fillSignIn(page, family.email, "not the password at all");
  await expect(page.getByRole("status")).toHaveText(SIGN_IN_REFUSED);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(family.email);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

  await fillSignIn(page, `nobody-${unique()}@family.example`, "not the password at all");
  await expect(page.getByRole("status")).toHaveText(SIGN_IN_REFUSED);
});

test("bad registration input shows an error beside each field and keeps what was typed", async ({ page }) => {
  const practice = await createPractice({ name: "Back Bay Dermatology", kind: "SPECIALTY" });
  const registered = await createProvider({ fullName: "Dr. Lena Ortiz", practice });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/mypatients/register");
  await fillRegistration(page, { fullName: "Dr. Kept Values", email: "not-an-email", npi: "1234567890", practice: practice.name, password: "too short" });

  await expect(page.getByRole("status")).toHaveText("Check the highlighted fields.");
  const expectations = [
    { label: "Email", message: "Enter a valid email address", value: "not-an-email" },
    { label: "NPI", message: "This is not a valid NPI: check the digits", value: "1234567890" },
    { label: "Password", message: "Use at least 12 characters", value: "" },
  ];
  for (const { label, message, value } of expectations) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await expect(field).toHaveValue(value);
  }
  await expect(page.getByLabel("Email", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("Dr. Kept Values");
  await expect(page.getByLabel("Full name", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Practice", { exact: true })).toHaveValue(practice.name);

  // The page fits a phone's width and has no detectable accessibility violations.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);

  // An NPI that is already registered is said plainly (an NPI is public; an email is not).
  await fillRegistration(page, { fullName: "Dr. Kept Values", email: `kept-${unique()}@clinic.example`, npi: registered.npi, practice: practice.name, password: NEW_PASSWORD });
  await expect(page.getByLabel("NPI", { exact: true })).toHaveAccessibleDescription(/This NPI is already registered/);
  await expect(page.getByLabel("Email", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
});

test("registering with an email that has an account answers as for a new one, and emails the owner", async ({ page }) => {
  const owner = await createProvider({ fullName: "Dr. Lena Ortiz" });
  const practice = await createPractice({ name: "Longwood Pediatrics", kind: "PRIMARY_CARE" });
  await page.goto("/mypatients/register");
  await fillRegistration(page, { fullName: "Someone Else", email: owner.email, npi: uniqueNpi(), practice: practice.name, password: NEW_PASSWORD });
  await expect(page.getByRole("status")).toHaveText(
    `We sent a verification email to ${owner.email}. Follow the link in it within 24 hours to confirm your address. Then your practice's site administrator, or the hospital for a practice it has not enrolled yet, approves your account.`,
  );
  const message = await readEmail(page, { to: owner.email, subject: "Someone tried to register with your MyPatients email" });
  expect(message.text).toContain(owner.fullName);
});

test("the sign-in pages are accessible", async ({ page }) => {
  for (const path of ["/mypatients/login", "/mychildren/login", "/mypatients/register", "/mypatients/verify-email?token=unknown"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
});
