import { expect, test, type APIResponse } from "@playwright/test";
import { bornYearsAgo, createFamilyAccount, createPatient, createPrimaryCareProvider, PASSWORD, uniqueSurname } from "./support/factories";
import { mainApp, signInAs } from "./support/session";
import { GATE_VERDICT_HEADER, signVerdict } from "@/lib/auth/gate-verdict";
import { openSession } from "../tests/support/sessions.ts";

// SPEC §7's standard headers and cookie flags, on the production build.

/** A PCP and one of their patients, whose record they open. */
async function pcpWithPatient() {
  const pcp = await createPrimaryCareProvider();
  const patient = await createPatient({ pcp, firstName: "Sofia", lastName: uniqueSurname("Rivera"), dateOfBirth: "2018-03-14" });
  return { pcp, patient };
}

function expectStandardHeaders(response: APIResponse | null, path: string) {
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, path).not.toContain("unsafe-eval");
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).toContain("object-src 'none'");
  expect(csp, path).toContain("base-uri 'self'");
  expect(csp, path).toContain("form-action 'self'");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  // An address with a secret in it is sent nowhere; any other only to this site (so forms work without scripts).
  expect(headers["referrer-policy"], path).toBe(path.startsWith("/mypatients/verify-email") ? "no-referrer" : "same-origin");
  expect(Number(/max-age=(\d+)/.exec(headers["strict-transport-security"] ?? "")?.[1])).toBeGreaterThanOrEqual(31_536_000);
}

test("every kind of page carries the CSP (no unsafe-eval), frame-ancestors 'none', its referrer policy and HSTS", async ({ page, context }) => {
  for (const path of ["/", "/mypatients/login", "/mychildren/login", "/mypatients/register", "/mypatients/verify-email?token=AAAA"]) {
    expectStandardHeaders(await page.request.get(path), path);
  }
  const { pcp, patient } = await pcpWithPatient();
  await signInAs(context, pcp);
  for (const path of ["/mypatients", `/mypatients/validate-token?mrn=${patient.mrn}`, `/mypatients/patients/${patient.mrn}`, "/mypatients/requests"]) {
    const response = await page.goto(path);
    expectStandardHeaders(response as unknown as APIResponse, path);
    // A page request that claims to call a server action (which skips proxy.ts) is still a page request.
    expectStandardHeaders(await page.request.get(path, { headers: { "next-action": "0".repeat(42) } }), path);
  }
});

test("pages and answers that carry patient data are never stored", async ({ page, context }) => {
  const { pcp, patient } = await pcpWithPatient();
  await signInAs(context, pcp);
  const record = await page.goto(`/mypatients/patients/${patient.mrn}`);
  expect(record?.headers()["cache-control"]).toContain("no-store");

  // The search's server action answer (patient names and MRNs).
  await page.goto("/mypatients");
  const answer = page.waitForResponse((response) => response.request().method() === "POST" && response.url().endsWith("/mypatients"));
  await page.getByLabel("MRN").fill(patient.mrn);
  await page.getByRole("button", { name: "Search" }).click();
  expect((await answer).headers()["cache-control"]).toContain("no-store");
  await expect(page.getByRole("article", { name: patient.fullName })).toBeVisible();

  const health = await page.request.get("/api/health");
  expect(health.headers()["cache-control"]).toBe("no-store");
});

test("the session cookie a real sign-in sets is httpOnly and SameSite=Lax, and nothing else is set", async ({ page }) => {
  const ava = await createFamilyAccount({ fullName: "Ava Thompson" });
  await createPatient({ pcp: await createPrimaryCareProvider(), firstName: "Ava", lastName: uniqueSurname("Thompson"), dateOfBirth: bornYearsAgo(19), links: [{ account: ava, relationship: "SELF" }] });
  await page.goto("/mychildren/login");
  await page.getByLabel("Email", { exact: true }).fill(ava.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mychildren$/);
  await expect(page.getByRole("heading", { level: 1, name: "MyChildren's", exact: true })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).toEqual(["mychildren.session"]);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  // Secure (with the __Host- prefix) applies in production on https; this run serves http on
  // localhost, the one exception (lib/auth/session-cookie.ts, tested in session-cookie.test.ts).
  expect(await page.evaluate(() => document.cookie)).toBe("");
});

test("a record-gate verdict sent by the client reaches no page, even one signed with the app's own key: a provider cannot make themselves a site administrator", async ({ request }) => {
  const { pcp, patient } = await pcpWithPatient();
  const elsewhere = await pcpWithPatient();
  const app = mainApp();
  const session = await openSession(app.prisma, { portal: "mypatients", providerId: pcp.id }, app.config);
  const member = await app.prisma.provider.findUniqueOrThrow({ where: { id: pcp.id }, select: { practiceId: true } });
  // The verdict proxy.ts would hand the page (lib/auth/gate-verdict.ts), for this very session,
  // but claiming the site administrator's role the provider does not hold.
  const forged = signVerdict(
    { portal: "mypatients", sessionId: session.sessionId, providerId: pcp.id, fullName: pcp.fullName, email: pcp.email, practiceId: member.practiceId, membership: "APPROVED", siteAdmin: true },
    session.secret,
    new Date(),
    app.config,
  );
  if (!forged) throw new Error("the app under test has no AUTH_SECRET, so it signs no verdict");
  // A page the gate does not guard, a record the provider may open, and one they may not (answered "not found").
  for (const [path, status] of [["/mypatients", 200], [`/mypatients/patients/${patient.mrn}`, 200], [`/mypatients/patients/${elsewhere.patient.mrn}`, 404]] as const) {
    const response = await request.get(path, { headers: { cookie: session.header, [GATE_VERDICT_HEADER]: forged } });
    expect(response.status(), path).toBe(status);
    const html = await response.text();
    expect(html, path).toContain("Validate a Token");
    expect(html, path).not.toContain("Manage practice");
  }
  // And the practice's page, which asks the database itself, is not found for them.
  expect((await request.get("/mypatients/practice", { headers: { cookie: session.header, [GATE_VERDICT_HEADER]: forged } })).status()).toBe(404);
});
