import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { createFamilyAccount, createGuardianWithChildren, createPractice, createProvider, PASSWORD } from "./support/factories";
import { readEmail } from "./support/mailbox";
import { signInAs, testDatabase, type Account } from "./support/session";

// MyChildren's in Spanish (SPEC §9): a parent chooses "Español" before signing in, and every page,
// form message and email to her after that is in Spanish, with <html lang="es">; MyPatients stays
// English. Accessible (axe) in both languages.

async function portal(browser: Browser, as?: Account, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options);
  if (as) await signInAs(context, as);
  return context.newPage();
}

test("a parent switches to Español, signs in, approves a request and revokes the access, all in Spanish; her email is in Spanish", async ({ browser }) => {
  test.slow();
  const { guardian, sofia: child } = await createGuardianWithChildren();
  const specialist = await createProvider({ fullName: "Dr. Omar Haddad", practice: await createPractice({ name: "Fenway Pediatric Cardiology", kind: "SPECIALTY" }) });

  // Signed out, on the sign-in page in English: the switcher, then everything in Spanish.
  const maria = await portal(browser);
  await maria.goto("/mychildren/login");
  await expect(maria.locator("html")).toHaveAttribute("lang", "en");
  await expect(maria.getByRole("heading", { level: 1, name: "Sign in to MyChildren's" })).toBeVisible();
  await expectAccessible(maria);
  await maria.getByRole("button", { name: "Español" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: "Iniciar sesión en MyChildren's" })).toBeVisible();
  await expect(maria.locator("html")).toHaveAttribute("lang", "es");
  await expect(maria.getByRole("button", { name: "Español" })).toHaveAttribute("aria-pressed", "true");
  await expect(maria).toHaveTitle(/^Iniciar sesión en MyChildren's/);
  await expectAccessible(maria);

  // A refused sign-in says why in Spanish; then she signs in.
  await maria.getByLabel("Correo electrónico", { exact: true }).fill("no es un correo");
  await maria.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(maria.getByText("Escriba un correo electrónico válido.")).toBeVisible();
  await maria.getByLabel("Correo electrónico", { exact: true }).fill(guardian.email);
  await maria.getByLabel("Contraseña", { exact: true }).fill(PASSWORD);
  await maria.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(maria.getByRole("heading", { level: 2, name: "Expedientes que usted administra" })).toBeVisible();
  await expect(maria.locator("html")).toHaveAttribute("lang", "es");
  await expect(maria.getByRole("link", { name: `Quién puede ver el expediente de ${child.firstName}` })).toBeVisible();
  await expectAccessible(maria);
  // The choice made before signing in is kept on her account (and so for her emails).
  expect(await testDatabase().familyAccount.findUniqueOrThrow({ where: { id: guardian.id }, select: { language: true } })).toEqual({ language: "ES" });

  // The specialist asks for the record, in MyPatients (English).
  const haddad = await portal(browser, specialist);
  await haddad.goto("/mypatients");
  await expect(haddad.locator("html")).toHaveAttribute("lang", "en");
  await haddad.getByLabel("Last name").fill(child.lastName);
  await haddad.getByLabel("Date of birth").fill(child.dateOfBirth);
  await haddad.getByRole("button", { name: "Search" }).click();
  const result = haddad.getByRole("article", { name: child.fullName });
  await result.getByRole("button", { name: "Request Non-PCP access" }).click();
  await result.getByLabel("Reason").fill("Evaluation of a heart murmur");
  const since = new Date();
  await result.getByRole("button", { name: "Send request" }).click();
  await expect(result).toContainText("Access request pending");

  // Her email is in Spanish; its link opens the request, in Spanish.
  const email = await readEmail(maria, { to: guardian.email, subject: "Un profesional de salud pidió ver un expediente en MyChildren's", since });
  expect(email.text).toContain(specialist.fullName);
  expect(email.text).toContain("Revisar la solicitud");
  await maria.goto(email.links[0]!);
  await expect(maria.getByRole("heading", { level: 1, name: "Solicitud de acceso" })).toBeVisible();
  await expect(maria.getByRole("group", { name: "El acceso termina" })).toBeVisible();
  await expectAccessible(maria);
  await maria.getByRole("radio", { name: "En 6 meses" }).check();
  await maria.getByRole("button", { name: "Aprobar" }).click();
  await expect(maria.getByRole("status")).toContainText("Aprobada. El profesional de salud ya puede abrir el expediente");
  await maria.reload();
  await expect(maria.getByRole("status")).toHaveText("Esta solicitud ya fue respondida");

  // Who can see the record: the new access, with Spanish dates, and "Quitar el acceso".
  await maria.goto(`/mychildren/patients/${child.mrn}/sharing`);
  await expect(maria.getByRole("heading", { level: 1, name: `Quién puede ver el expediente de ${child.firstName}` })).toBeVisible();
  await expect(maria.getByRole("main")).toContainText("Por una solicitud que usted aprobó");
  await expect(maria.getByRole("main")).toContainText(/desde el \d{1,2} [a-z]{3,4}\.? \d{4}/);
  await expectAccessible(maria);
  await maria.getByRole("button", { name: `Quitar el acceso de ${specialist.fullName}` }).click();
  await expect(maria.getByRole("button", { name: `Quitar el acceso de ${specialist.fullName}` })).toHaveCount(0);
  await expect(maria.getByRole("main")).toContainText("Ningún otro profesional de salud puede ver el expediente.");

  // Record activity, in Spanish.
  await maria.goto(`/mychildren/patients/${child.mrn}/activity`);
  await expect(maria.getByRole("heading", { level: 1, name: "Actividad del expediente" })).toBeVisible();
  await expect(maria.getByRole("row").nth(1)).toContainText("Se quitó el acceso");
  await expectAccessible(maria);

  // An address that does not exist: "not found", in Spanish.
  await maria.goto("/mychildren/patients/0000000/sharing");
  await expect(maria.getByRole("heading", { level: 1, name: "No se encontró" })).toBeVisible();

  // Account shows the language, and changes it back; MyPatients never was in Spanish.
  await maria.goto("/mychildren/account");
  await expect(maria.getByRole("heading", { level: 1, name: "Cuenta" })).toBeVisible();
  const language = maria.getByRole("main").getByRole("form", { name: "Idioma" });
  await expect(language.getByRole("button", { name: "Español" })).toHaveAttribute("aria-pressed", "true");
  await expectAccessible(maria);
  await language.getByRole("button", { name: "English" }).click();
  await expect(maria.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(maria.locator("html")).toHaveAttribute("lang", "en");
  expect(await testDatabase().familyAccount.findUniqueOrThrow({ where: { id: guardian.id }, select: { language: true } })).toEqual({ language: "EN" });
  await maria.goto("/mypatients/login");
  await expect(maria.locator("html")).toHaveAttribute("lang", "en");
  await expect(maria.getByRole("heading", { level: 1, name: "Sign in to MyPatients" })).toBeVisible();
});

test("the switcher works without JavaScript and with the keyboard, and refuses a language that is not one", async ({ browser }) => {
  const noScript = await portal(browser, undefined, { javaScriptEnabled: false });
  await noScript.goto("/mychildren/forgot-password");
  await noScript.getByRole("button", { name: "Español" }).click();
  await expect(noScript.getByRole("heading", { level: 1, name: "Restablecer su contraseña" })).toBeVisible();
  await expect(noScript.locator("html")).toHaveAttribute("lang", "es");
  expect(new URL(noScript.url()).pathname).toBe("/mychildren/forgot-password");

  // The keyboard: Tab reaches the buttons; Enter chooses.
  const page = await portal(browser);
  await page.goto("/mychildren/register");
  const english = page.getByRole("button", { name: "English" });
  await expect(english).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Español" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Crear una cuenta en MyChildren's" })).toBeVisible();
  await expect(page).toHaveTitle(/^Crear una cuenta en MyChildren's/);
  await expectAccessible(page);

  // A hostile value in place of the language: a clear message, in the page's language, and nothing changes.
  await page.getByRole("button", { name: "English" }).evaluate((button) => button.setAttribute("value", "../xx"));
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByText("Elija English o Español.")).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
});

test("an address under MyChildren's that names no page: sign in first, then \"not found\" with status 404, in Spanish and in English", async ({ browser }) => {
  const family = await createFamilyAccount({ fullName: "Lucía Ortega" });
  const lucia = await portal(browser);
  await lucia.goto("/mychildren/login");
  await lucia.getByRole("button", { name: "Español" }).click();
  await expect(lucia.getByRole("heading", { level: 1, name: "Iniciar sesión en MyChildren's" })).toBeVisible();

  // Signed out, like any page that is not public: to sign in (in Spanish), and back after it.
  await lucia.goto("/mychildren/nope");
  expect(new URL(lucia.url()).pathname).toBe("/mychildren/login");
  await expect(lucia.getByRole("heading", { level: 1, name: "Iniciar sesión en MyChildren's" })).toBeVisible();
  await lucia.getByLabel("Correo electrónico", { exact: true }).fill(family.email);
  await lucia.getByLabel("Contraseña", { exact: true }).fill(PASSWORD);
  await lucia.getByRole("button", { name: "Iniciar sesión" }).click();
  await expect(lucia.getByRole("heading", { level: 1, name: "No se encontró" })).toBeVisible();
  expect(new URL(lucia.url()).pathname).toBe("/mychildren/nope");

  // Signed in: 404, MyChildren's own page in Spanish, with its header.
  for (const address of ["/mychildren/nope", "/mychildren/patients", "/mychildren/requests/a/b"]) {
    expect((await lucia.goto(address))?.status(), address).toBe(404);
    await expect(lucia.getByRole("heading", { level: 1, name: "No se encontró" })).toBeVisible();
    await expect(lucia.locator("html")).toHaveAttribute("lang", "es");
    await expect(lucia).toHaveTitle("No se encontró · Children's Hospital");
    await expect(lucia.getByRole("link", { name: "Cuenta" })).toBeVisible();
  }
  await expectAccessible(lucia);

  // The switcher on that page: the same address, in English.
  await lucia.getByRole("button", { name: "English" }).click();
  await expect(lucia.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  expect(new URL(lucia.url()).pathname).toBe("/mychildren/requests/a/b");
  expect((await lucia.goto("/mychildren/nope"))?.status()).toBe(404);
  await expect(lucia.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(lucia.locator("html")).toHaveAttribute("lang", "en");
  await expect(lucia).toHaveTitle("Not found · Children's Hospital");
  await expect(lucia.getByRole("link", { name: "Go to MyChildren's" })).toBeVisible();
});
