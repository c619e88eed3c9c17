import { expect, type Locator, type Page } from "@playwright/test";

export interface ReceivedEmail {
  subject: string;
  text: string;
  /** Every link in the email's body, absolute. */
  links: string[];
}

/**
 * The newest email to `to` with `subject` — sent at or after `since`, when given — read from the
 * development mailbox (/dev/mailbox), where the app's real sender delivered it. Waits for it.
 */
export async function readEmail(page: Page, filter: { to: string; subject: string; since?: Date }): Promise<ReceivedEmail> {
  const mailbox = await page.context().newPage();
  try {
    let message: Locator | undefined;
    await expect(async () => {
      await mailbox.goto("/dev/mailbox");
      const matching = mailbox.getByRole("article", { name: `Email to ${filter.to}: ${filter.subject}` });
      message = undefined;
      for (let i = 0; i < (await matching.count()) && !message; i += 1) {
        const sentAt = await matching.nth(i).locator("time").getAttribute("datetime");
        if (!filter.since || new Date(sentAt!).getTime() >= filter.since.getTime() - 50) message = matching.nth(i);
      }
      expect(message, `an email to ${filter.to}: ${filter.subject}`).toBeDefined();
    }).toPass({ timeout: 20_000 });
    const links = await message!.locator("a[href]").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    const text = (await message!.locator("pre").textContent()) ?? "";
    return { subject: filter.subject, text, links: [...new Set(links)] };
  } finally {
    await mailbox.close();
  }
}
