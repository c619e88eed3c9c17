import { expect, type Page } from "@playwright/test";

export interface ReceivedEmail {
  subject: string;
  text: string;
  /** Every link in the email's body, absolute. */
  links: string[];
}

/**
 * The newest email to `to` with `subject`, read from the development mailbox (/dev/mailbox),
 * where the app's real sender delivered it. Waits for the sender to deliver it.
 */
export async function readEmail(page: Page, filter: { to: string; subject: string }): Promise<ReceivedEmail> {
  const mailbox = await page.context().newPage();
  try {
    const message = mailbox.getByRole("article", { name: `Email to ${filter.to}: ${filter.subject}` }).first();
    await expect(async () => {
      await mailbox.goto("/dev/mailbox");
      await expect(message).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000 });
    const links = await message.locator("a[href]").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    const text = (await message.locator("pre").textContent()) ?? "";
    return { subject: filter.subject, text, links: [...new Set(links)] };
  } finally {
    await mailbox.close();
  }
}
