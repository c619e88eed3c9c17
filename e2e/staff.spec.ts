import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/scripts/lib/seed/demo";
import { expectAccessible } from "./support/axe";
import { createGuardianWithChildren, createPractice, createProvider, createStaffMember, uniqueTag, type StaffMember } from "./support/factories";
import { readEmail } from "./support/mailbox";
import { signInAs, testDatabase, type Account } from "./support/session";

// SPEC §5b: hospital staff sign in through the hospital's identity provider (here the local
// OpenID Connect provider the test server starts), and act for the hospital. Each test makes its
// own staff member and people, modelled on the demo's.

// Each journey goes through the identity provider and back, on a machine shared with other builds.
test.beforeEach(() => test.slow());

async function portal(browser: Browser, as?: Account): Promise<Page> {
  const context = await browser.newContext();
  if (as) await signInAs(context, as);
  return context.newPage();
}

/** Signs in at the local identity provider as `email`, with the keyboard alone, from the console's sign-in page. */
async function signInThroughIdentityProvider(page: Page, email: string): Promise<void> {
  await page.goto("/staff/login");
  await signInThroughIdentityProviderHere(page, email);
}

/** The same, from the sign-in page the browser is on. */
async function signInThroughIdentityProviderHere(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Hospital staff sign-in" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in with hospital account" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Hospital sign-in" })).toBeVisible();
  await page.getByLabel("Email").focus();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
}

async function staffConsole(browser: Browser, staff: StaffMember): Promise<Page> {
  const page = await portal(browser);
  await signInThroughIdentityProvider(page, staff.email);
  await expect(page.getByRole("heading", { level: 1, name: "Staff console" })).toBeVisible();
  return page;
}

test("staff sign in through the hospital's identity provider; an identity not on the staff list is refused and audited; sign-out ends both sessions", async ({ browser }) => {
  const staff = await createStaffMember();
  const page = await portal(browser);
  await page.goto("/staff/login");
  await expectAccessible(page);

  await signInThroughIdentityProvider(page, staff.email);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByText(`Signed in as ${staff.fullName} (${staff.email}).`)).toBeVisible();
  await expectAccessible(page);

  // The console's session opens nothing in the portals.
  await page.goto("/mypatients");
  await expect(page).toHaveURL(/\/mypatients\/login$/);
  await page.goto("/mychildren");
  await expect(page).toHaveURL(/\/mychildren\/login$/);

  await page.goto("/staff");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/\/staff\/login$/);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff\/login$/);

  const visitor = `visitor-${uniqueTag()}@hospital.example`;
  await signInThroughIdentityProvider(page, visitor);
  await expect(page).toHaveURL(/\/staff\/login\?error=AccessDenied/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your hospital account is not on the staff console's list. Ask the hospital's administrators to add you.");
  await page.goto("/staff/providers");
  await expect(page).toHaveURL(/\/staff\/login/);

  // Signed in from a deep link (the "waiting for approval" email's), staff come back to it.
  const fresh = await portal(browser);
  await fresh.goto("/staff/practices");
  await expect(fresh).toHaveURL(/\/staff\/login\?next=%2Fstaff%2Fpractices$/);
  await signInThroughIdentityProviderHere(fresh, staff.email);
  await expect(fresh.getByRole("heading", { level: 1, name: "Practices" })).toBeVisible();
  const refusal = await testDatabase().auditEvent.findFirst({ where: { action: "staff.sign_in_refused", details: { path: ["email"], equals: visitor } } });
  expect(refusal?.outcome).toBe("DENIED");
});

test("provider and family sessions never open a staff page", async ({ browser }) => {
  const haddad = await createProvider({ fullName: "Dr. Omar Haddad" });
  const { guardian } = await createGuardianWithChildren();
  for (const account of [haddad, guardian]) {
    const page = await portal(browser, account);
    for (const path of ["/staff", "/staff/providers", "/staff/families", "/staff/audit", "/staff/audit/export"]) {
      await page.goto(path);
      await expect(page, `${account.portal} at ${path}`).toHaveURL(/\/staff\/login/);
    }
    await page.context().close();
  }
});

test("staff enroll Dr. Okafor's new practice and approve him; he is told by email", async ({ browser }) => {
  const staff = await createStaffMember();
  const practice = await createPractice({ name: "Jamaica Plain Family Medicine", kind: "PRIMARY_CARE", status: "PENDING" });
  const okafor = await createProvider({ fullName: "Dr. Sam Okafor", practice, membership: "PENDING" });
  const since = new Date();
  const page = await staffConsole(browser, staff);

  await page.getByRole("link", { name: "Practices waiting to be enrolled" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Practices" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: `Enroll ${practice.name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Enrolled." })).toBeVisible();

  await page.goto("/staff/providers");
  await expect(page.getByRole("heading", { level: 1, name: "Providers" })).toBeVisible();
  await page.getByRole("link", { name: okafor.fullName }).click();
  await expect(page.getByRole("heading", { level: 1, name: okafor.fullName })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: `Approve: ${okafor.fullName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  await page.reload();
  await expect(page.getByText(/^Approved on .* by staff-/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Audit events of this provider" })).toContainText("Membership approved");
  await readEmail(page, { to: okafor.email, subject: "Your MyPatients account was approved", since });
});

test("staff disable Dr. Haddad, and his open tab is refused on his next click", async ({ browser }) => {
  const staff = await createStaffMember();
  const haddad = await createProvider({ fullName: "Dr. Omar Haddad" });
  const doctor = await portal(browser, haddad);
  await doctor.goto("/mypatients");
  await expect(doctor.getByRole("heading", { level: 1, name: "Patient Selection" })).toBeVisible();

  const page = await staffConsole(browser, staff);
  await page.goto("/staff/providers");
  await page.getByLabel("Name, email or NPI").fill(haddad.npi);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: haddad.fullName }).click();
  await page.getByRole("button", { name: `Disable account: ${haddad.fullName}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The account is disabled" })).toBeVisible();

  await doctor.getByRole("link", { name: "My access requests" }).click();
  await expect(doctor).toHaveURL(/\/mypatients\/login/);
});

test("staff end Maria's link to Mateo with a reason: her sessions end, and signed in again she has lost Mateo's pages and keeps Sofia's; the audit CSV holds what was just done", async ({ browser }) => {
  const staff = await createStaffMember();
  const { guardian, sofia, mateo } = await createGuardianWithChildren();
  const maria = await portal(browser, guardian);
  await maria.goto(`/mychildren/patients/${mateo.mrn}/sharing`);
  await expect(maria.getByRole("heading", { level: 1, name: "Who can see Mateo's record" })).toBeVisible();

  const page = await staffConsole(browser, staff);
  await page.goto("/staff/families");
  await page.getByRole("search").getByLabel("MRN").fill(mateo.mrn);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 3, name: guardian.fullName })).toBeVisible();
  await expectAccessible(page);
  const mateoLink = `${mateo.fullName} (${guardian.email})`;
  // With no reason, nothing changes.
  await page.getByRole("button", { name: `End link to ${mateoLink}` }).click();
  await expect(page.getByText("Give the reason for ending this link (for example, a custody change).")).toBeVisible();
  await page.getByLabel(`Reason for ending the link to ${mateoLink}`).fill("Custody change");
  await page.getByRole("button", { name: `End link to ${mateoLink}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The link has ended." })).toBeVisible();

  // Her open tab is signed out on its next request; signed in again, Mateo's pages are gone and Sofia's remain.
  await maria.reload();
  await expect(maria.getByRole("heading", { level: 1, name: "Sign in to MyChildren's" })).toBeVisible();
  const mariaAgain = await portal(browser, guardian);
  await mariaAgain.goto(`/mychildren/patients/${mateo.mrn}/sharing`);
  await expect(mariaAgain.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await mariaAgain.goto(`/mychildren/patients/${sofia.mrn}/sharing`);
  await expect(mariaAgain.getByRole("heading", { level: 1, name: "Who can see Sofia's record" })).toBeVisible();

  // The audit log, filtered by Maria's account, then downloaded.
  await page.goto("/staff/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByLabel("Family account").fill(guardian.email);
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("Link to a patient ended");
  await expectAccessible(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("id,occurred_at,actor_type,actor,action,outcome,mrn,ip,user_agent,details");
  const ended = lines.find((line) => line.includes('"family.end_link"'));
  expect(ended).toContain(`"${staff.email}"`);
  expect(ended).toContain(`"${mateo.mrn}"`);
  expect(ended).toContain("Custody change");
  // The export is itself audited.
  expect(await testDatabase().auditEvent.count({ where: { action: "staff.audit_export", actorId: staff.email } })).toBe(1);
});

test("staff issue an activation code, shown once, and disable a family account, whose open tab is refused on the next click", async ({ browser }) => {
  const staff = await createStaffMember();
  const { guardian, sofia } = await createGuardianWithChildren();
  const maria = await portal(browser, guardian);
  await maria.goto("/mychildren");

  const page = await staffConsole(browser, staff);
  await page.goto("/staff/families");
  const issue = page.getByRole("region", { name: "Issue activation code" });
  await issue.getByLabel("MRN").fill(sofia.mrn);
  await issue.getByLabel("Relationship").selectOption("GUARDIAN");
  await page.getByRole("button", { name: "Issue activation code" }).click();
  await expect(page.getByTestId("activation-code")).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
  await page.reload();
  await expect(page.getByTestId("activation-code")).toHaveCount(0);

  await page.goto(`/staff/families?email=${encodeURIComponent(guardian.email)}`);
  await page.getByRole("button", { name: `Disable account: ${guardian.email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The account is disabled" })).toBeVisible();
  await maria.reload();
  await expect(maria).toHaveURL(/\/mychildren\/login/);
});
