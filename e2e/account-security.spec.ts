import { expect, test, type Browser, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { expectAccessible } from "./support/axe";
import { createGuardianWithChildren, createPractice, createProvider, issueInvitationFor, PASSWORD } from "./support/factories";
import { readEmail } from "./support/mailbox";
import { serveApp } from "./support/serve";
import { signInAs, type Account } from "./support/session";
import { createPrismaClient } from "@/lib/db";

// Accounts that hold up against abuse (SPEC §4, §5, §7): password reset, rate limits, tokens bound
// to their invitee.

async function portal(browser: Browser, as?: Account): Promise<Page> {
  const context = await browser.newContext();
  if (as) await signInAs(context, as);
  return context.newPage();
}

const NEW_PASSWORD = "a fresh passphrase for 2027";

test("forgot password: the emailed link asks for a click, sets the new password once, and every old session is signed out", async ({ browser }) => {
  test.setTimeout(150_000);
  const provider = await createProvider({ fullName: "Dr. Reset Reyes" });
  const signedInElsewhere = await portal(browser, provider);
  await signedInElsewhere.goto("/mypatients");
  await expect(signedInElsewhere.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();

  const page = await portal(browser);
  await page.goto("/mypatients/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  const since = new Date();
  // The same answer for an email with no account and for the provider's.
  for (const email of [`nobody-${Date.now()}@clinic.example`, provider.email]) {
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status")).toHaveText("If an account uses this email, we sent it a link to reset the password. The link works once, for 1 hour.");
  }

  const email = await readEmail(page, { to: provider.email, subject: "Reset your MyPatients password", since });
  const link = email.links.find((href) => href.includes("/mypatients/reset-password?token="))!;
  expect(link).toBeDefined();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectAccessible(page);
  // Opening the link spent nothing: it still works after a reload.
  await page.reload();
  await page.getByLabel("New password").fill("too short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed, and every session of your account was signed out.");

  // The session opened before the reset is gone.
  await signedInElsewhere.goto("/mypatients");
  await expect(signedInElsewhere).toHaveURL(/\/mypatients\/login/);
  // The link works once.
  await page.goto(link);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This reset link has already been used. Ask for a new one if you still need it.");
  // The old password no longer works; the new one does.
  await page.goto("/mypatients/login");
  await page.getByLabel("Email").fill(provider.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("status")).toContainText("That email and password did not work.");
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();
  await readEmail(page, { to: provider.email, subject: "Your MyPatients password was changed", since });
});

test("the 61st search in 10 minutes is refused with a clear message", async ({ browser }) => {
  test.setTimeout(180_000);
  const provider = await createProvider({ fullName: "Dr. Busy Searcher" });
  const page = await portal(browser, provider);
  await page.goto("/mypatients");
  await page.getByLabel("MRN").fill("9999999");
  const search = async () => {
    const answered = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/mypatients");
    await page.getByRole("button", { name: "Search" }).click();
    await answered;
  };
  for (let i = 1; i <= 60; i += 1) {
    await search();
    await expect(page.getByRole("status"), `search ${i}`).toHaveText("No matching patient found");
  }
  await search();
  await expect(page.getByRole("status")).toHaveText("Too many searches. Try again in a few minutes.");
  await expectAccessible(page);
});

test("an invitation sent to Dr. Ortiz, tried by Dr. Haddad, is refused; then it works for Dr. Ortiz", async ({ browser }) => {
  const { guardian, mateo: child } = await createGuardianWithChildren();
  const ortiz = await createProvider({ fullName: "Dr. Lena Ortiz", practice: await createPractice({ name: "Back Bay Dermatology", kind: "SPECIALTY" }) });
  const haddad = await createProvider({ fullName: "Dr. Omar Haddad", practice: await createPractice({ name: "Fenway Pediatric Cardiology", kind: "SPECIALTY" }) });
  const since = new Date();
  await issueInvitationFor({ patient: child, providerEmail: ortiz.email, issuer: guardian });

  const haddadPage = await portal(browser, haddad);
  const invitation = await readEmail(haddadPage, { to: ortiz.email, subject: "You're invited to view a patient record in MyPatients", since });
  const token = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(invitation.text)![0];

  // Dr. Haddad holds the token (forwarded, overheard, leaked): it is not his.
  await haddadPage.goto(`/mypatients/validate-token?mrn=${child.mrn}`);
  await haddadPage.getByLabel("Token").fill(token);
  await haddadPage.getByRole("button", { name: "Submit" }).click();
  await expect(haddadPage.getByRole("status")).toHaveText("This token is not valid for this MRN");
  await haddadPage.goto(`/mypatients/patients/${child.mrn}`);
  await expect(haddadPage.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();

  const ortizPage = await portal(browser, ortiz);
  await ortizPage.goto(`/mypatients/validate-token?mrn=${child.mrn}`);
  await ortizPage.getByLabel("Token").fill(token);
  await ortizPage.getByRole("button", { name: "Submit" }).click();
  await expect(ortizPage.getByRole("status")).toContainText("Token validated");
  await ortizPage.getByRole("link", { name: "Open record" }).click();
  await expect(ortizPage.getByRole("heading", { level: 1, name: child.fullName })).toBeVisible();
});

/** The code the provider's authenticator app would show `offsetMs` from now. */
function appCode(key: string, offsetMs = 0): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(key.replace(/\s/g, "")), timestamp: Date.now() + offsetMs });
}

async function signInWithPassword(page: Page, email: string) {
  await page.goto("/mypatients/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step sign-in" })).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/mypatients\/login/);
}

test("two-step sign-in: turned on from Account, then sign-in asks for a code, and a recovery code works once", async ({ browser }) => {
  test.setTimeout(150_000);
  const provider = await createProvider({ fullName: "Dr. Two Step Tanaka" });
  const page = await portal(browser, provider);
  await page.goto("/mypatients/account");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code for adding MyPatients to an authenticator app" })).toBeVisible();
  await expectAccessible(page);
  const key = (await page.getByTestId("two-step-key").textContent())!;

  // A wrong code is refused with a clear message and turns nothing on; then, by keyboard, the right one.
  await page.getByLabel("Code from your app").fill("12");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Enter the 6 digits your authenticator app shows, like 123456.")).toBeVisible();
  await page.getByLabel("Code from your app").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(appCode(key));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Two-step sign-in is on. Save these recovery codes now")).toBeVisible();
  const codes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(codes).toHaveLength(10);
  await expectAccessible(page);
  // Shown once: back on Account, it says it is on, and no code is listed.
  await page.goto("/mypatients/account");
  await expect(page.getByText(/^On since /)).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);

  // Sign out, then in: the password alone does not open MyPatients.
  await signOut(page);
  await signInWithPassword(page, provider.email);
  await expectAccessible(page);
  await page.goto("/mypatients");
  await expect(page).toHaveURL(/\/mypatients\/login/);
  await signInWithPassword(page, provider.email);
  // The code of the next 30 seconds (the one used to confirm may not be used again).
  await page.getByLabel("Code", { exact: true }).fill(appCode(key, 30_000));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();

  // A recovery code instead of the app: it works once.
  await signOut(page);
  await signInWithPassword(page, provider.email);
  await page.getByLabel("Code", { exact: true }).fill(codes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();
  await signOut(page);
  await signInWithPassword(page, provider.email);
  await page.getByLabel("Code", { exact: true }).fill(codes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/^That code did not work\./).first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Two-step sign-in" })).toBeVisible();
  await expectAccessible(page);
});

test("with REQUIRE_TWO_STEP=true, a provider without two-step sign-in sets it up right after the password, then is signed in", async ({ browser }) => {
  test.setTimeout(240_000);
  // An app of its own, started with the setting on, on a database of its own.
  const served = await serveApp({ build: false, demoData: false, env: { REQUIRE_TWO_STEP: "true" } });
  const prisma = createPrismaClient(served.databaseUrl, 2);
  try {
    const provider = await createProvider({ fullName: "Dr. Required Rios" }, prisma);
    const context = await browser.newContext({ baseURL: served.baseUrl });
    const page = await context.newPage();
    await page.goto("/mypatients/login");
    await page.getByLabel("Email").fill(provider.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Two-step sign-in" })).toBeVisible();
    await expect(page.getByText("Two-step sign-in is required for every MyPatients account.")).toBeVisible();
    await expectAccessible(page);
    // No session yet: MyPatients still sends to sign in.
    const other = await context.newPage();
    await other.goto("/mypatients");
    await expect(other).toHaveURL(/\/mypatients\/login/);
    await other.close();

    const key = (await page.getByTestId("two-step-key").textContent())!;
    await page.getByLabel("Code from your app").fill(appCode(key));
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByText("Two-step sign-in is on and you are signed in.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
    await page.getByRole("link", { name: "Continue to MyPatients" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();
    // While required, Account does not offer to turn it off.
    await page.goto("/mypatients/account");
    await expect(page.getByText("It is required for every MyPatients account, so it cannot be turned off.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Turn off two-step sign-in" })).toHaveCount(0);
    await context.close();
  } finally {
    await prisma.$disconnect();
    await served.stop();
  }
});
