import { expect, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { queueEmail } from "@/lib/email/outbox";
import { readEmail } from "./support/mailbox";

// The app's own sender delivers what the outbox holds to the development mailbox.
test("an email queued in the outbox is delivered to /dev/mailbox with a working deep link", async ({ page }) => {
  const prisma = createPrismaClient(process.env.E2E_DATABASE_URL!, 1);
  const to = `provider-${Date.now()}@clinic.example`;
  try {
    await prisma.$transaction((tx) => queueEmail(tx, { template: "accessApproved", to, props: { mrn: "1000001", endsAt: null } }));
  } finally {
    await prisma.$disconnect();
  }

  const email = await readEmail(page, { to, subject: "Your access request was approved" });
  const recordLink = `${process.env.E2E_BASE_URL}/mypatients/patients/1000001`;
  expect(email.links).toEqual([recordLink]);
  expect(email.text).toContain(recordLink);

  await page.goto("/dev/mailbox");
  const newest = page.getByRole("article").first();
  await expect(newest).toHaveAccessibleName(`Email to ${to}: Your access request was approved`);
  await expect(newest.getByRole("link", { name: "Open the record" })).toHaveAttribute("href", recordLink);
});
