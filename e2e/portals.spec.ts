import { expect, test } from "@playwright/test";

test("the landing page links to both portals", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Patient record portals" })).toBeVisible();
  await expect(page.getByRole("link", { name: /MyPatients/ })).toHaveAttribute("href", "/mypatients");
  await expect(page.getByRole("link", { name: /MyChildren's/ })).toHaveAttribute("href", "/mychildren");
});

test("MyPatients opens from the landing page, at its sign-in page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /MyPatients/ }).click();
  await expect(page).toHaveURL(/\/mypatients\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MyPatients" })).toBeVisible();
});

test("MyChildren's opens from the landing page, at its sign-in page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: /MyChildren's/ }).click();
  await expect(page).toHaveURL(/\/mychildren\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to MyChildren's" })).toBeVisible();
});

test("pages are served with a nonce Content-Security-Policy that forbids framing", async ({ page }) => {
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-eval");
  // Next.js hydrated the page under that policy: client navigation works (checked above) and no script was refused.
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/.test(message.text())) refused.push(message.text());
  });
  await page.reload();
  await page.getByRole("link", { name: /MyPatients/ }).click();
  await expect(page).toHaveURL(/\/mypatients\/login$/);
  expect(refused).toEqual([]);
});

test("the health check answers ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
