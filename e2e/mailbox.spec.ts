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

// SPEC §7: the mailbox answers only requests addressed to the loopback interface.
test("/dev/mailbox answers 404, and shows no email, to a request whose Host is not loopback, server action calls included", async () => {
  const { request } = await import("node:http");
  const url = new URL("/dev/mailbox", process.env.E2E_BASE_URL);
  // A server action call (which skips the proxy elsewhere) is sent through the mailbox's gate too.
  const actionCall = { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" };
  const answer = (host: string, call?: typeof actionCall) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request({ hostname: "127.0.0.1", port: url.port, path: url.pathname, method: call ? "POST" : "GET", headers: { host, ...call } }, (response) => {
        let body = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      });
      outgoing.on("error", reject).end(call ? "[]" : undefined);
    });
  for (const host of ["mypatients.hospital.example", `192.168.1.20:${url.port}`, `localhost.attacker.example:${url.port}`]) {
    const { status, body } = await answer(host);
    expect(status, host).toBe(404);
    expect(body, host).not.toContain("Development mailbox");
    expect(await answer(host, actionCall), host).toEqual({ status: 404, body: "Not found." });
  }
  expect((await answer(`127.0.0.1:${url.port}`)).status).toBe(200);
});
