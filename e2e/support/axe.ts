import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * WCAG 2.1 A and AA rules, checked by axe-core on the page as it is now. After a server action
 * the page's new title comes with its metadata, which can arrive just after the content it
 * follows: the check waits for a title first (a page that never gets one still fails).
 */
export async function expectAccessible(page: Page): Promise<void> {
  await expect(page, "the page has a title").toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`)).toEqual([]);
}
