import { expect, test } from "@playwright/test";
import { queueEmail } from "@/lib/email/outbox";
import { uniqueMrn, uniqueTag } from "./support/factories";
import { readEmail } from "./support/mailbox";
import { testDatabase } from "./support/session";

// The app's own sender delivers what the outbox holds to the development mailbox.
test("an email queued in the outbox is delivered to /dev/mailbox with a working deep link, newest first", async ({ page }) => {
  const subject = "Your access request was approved";
  const mrn = uniqueMrn();
  const earlier = `provider-${uniqueTag()}@clinic.example`;
  const later = `provider-${uniqueTag()}@clinic.example`;
  const queue = (to: string) => testDatabase().$transaction((tx) => queueEmail(tx, { template: "accessApproved", to, props: { mrn, endsAt: null } }));

  await queue(earlier);
  await readEmail(page, { to: earlier, subject });
  await queue(later);
  const email = await readEmail(page, { to: later, subject });
  const recordLink = `${process.env.E2E_BASE_URL}/mypatients/patients/${mrn}`;
  expect(email.links).toEqual([recordLink]);
  expect(email.text).toContain(recordLink);

  // Newest first. Other tests' emails may arrive meanwhile, so the order is checked between these two.
  await page.goto("/dev/mailbox");
  const names = await page.getByRole("article").evaluateAll((articles) => articles.map((article) => article.getAttribute("aria-label")));
  const newer = names.indexOf(`Email to ${later}: ${subject}`);
  expect(newer, "the later email is listed").toBeGreaterThanOrEqual(0);
  expect(newer, "the later email is above the earlier one").toBeLessThan(names.indexOf(`Email to ${earlier}: ${subject}`));
  const newest = page.getByRole("article", { name: `Email to ${later}: ${subject}` });
  await expect(newest.getByRole("link", { name: "Open the record" })).toHaveAttribute("href", recordLink);
});
