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

test("pages hydrate under their nonce Content-Security-Policy: no script is refused and client navigation works", async ({ page }) => {
  // The policy's contents are checked on every kind of page in e2e/headers.spec.ts.
  await page.goto("/");
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
