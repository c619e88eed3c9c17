// Filling in MyPatients Registration as a person does, for the specs of registration and memberships.
import { expect, type Page } from "@playwright/test";

/** A pattern that matches `text` literally, from the start. */
const startingWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);

/** The part of a practice's name a person would type: its last word (in tests, the unique tag). */
export const partOf = (practice: string) => practice.split(" ").at(-1)!;

/** "Practice": type part of the name, then choose the practice from the suggestions. */
export async function choosePractice(page: Page, practice: string): Promise<void> {
  const field = page.getByLabel("Practice", { exact: true });
  await field.fill(partOf(practice));
  await page.getByRole("option", { name: startingWith(practice) }).click();
  await expect(field).toHaveValue(practice);
}

export async function fillRegistration(page: Page, fields: { fullName: string; email: string; npi: string; practice: string; password: string }): Promise<void> {
  await page.getByLabel("Full name", { exact: true }).fill(fields.fullName);
  await page.getByLabel("Email", { exact: true }).fill(fields.email);
  await page.getByLabel("NPI", { exact: true }).fill(fields.npi);
  await choosePractice(page, fields.practice);
  await page.getByLabel("Password", { exact: true }).fill(fields.password);
  await page.getByRole("button", { name: "Create account" }).click();
}
