import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "@/lib/db";
import type { EmailName } from "@/lib/email/catalog";
import { queueEmail, type QueuedEmail } from "@/lib/email/outbox";
import { sendDueEmails } from "@/lib/email/sender";
import { mailboxTransport } from "@/lib/email/transports";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const APP_URL = "http://localhost:3000";

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** What a person reads of a piece of markup: its text, without tags. */
function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();
}

/** The emails on the page, in its order: each one's accessible name, text and links. */
function emailsOn(html: string) {
  return [...html.matchAll(/<article aria-label="([^"]*)"[^>]*>([\s\S]*?)<\/article>/g)].map(([, name, body]) => ({
    name: decodeEntities(name!),
    text: visibleText(body!),
    links: [...body!.matchAll(/href="([^"]*)"/g)].map(([, href]) => decodeEntities(href!)),
  }));
}

// The page itself, imported with the setting off and on (env() is read once per module load), and
// rendered to the markup the server sends.
describe("/dev/mailbox", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: true });
    process.env.DATABASE_URL = database.url;
    prisma = createPrismaClient(database.url, 2);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    if (!database) return;
    // The page's own client.
    await (await import("@/lib/db")).db().$disconnect();
    await database.drop();
  });

  async function loadPage(devMailbox: string | undefined) {
    vi.resetModules();
    if (devMailbox === undefined) delete process.env.DEV_MAILBOX;
    else process.env.DEV_MAILBOX = devMailbox;
    return (await import("@/app/dev/mailbox/page")).default;
  }

  /** Queues one email and delivers it to the development mailbox, as the app's sender does. */
  async function deliver<Name extends EmailName>(email: QueuedEmail<Name>) {
    await prisma.$transaction((tx) => queueEmail(tx, email));
    expect(await sendDueEmails({ prisma, transport: mailboxTransport(prisma), from: "Children's Hospital <no-reply@hospital.example>", appUrl: APP_URL })).toMatchObject({ sent: 1 });
  }

  it("does not exist when the development mailbox is off (the default)", async () => {
    for (const setting of [undefined, "false"]) {
      const page = await loadPage(setting);
      await expect(page()).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    }
  });

  it("says that no email was sent yet", async () => {
    const html = renderToStaticMarkup(await (await loadPage("true"))());
    expect(visibleText(html)).toMatch(/^Development mailbox Emails the app sent, newest first\. .* No emails yet\.$/);
    expect(emailsOn(html)).toEqual([]);
  });

  it("shows every email sent, newest first, with its recipient, subject, body with links, and plain text", async () => {
    await deliver({ template: "accessDeclined", to: "first@clinic.example", props: {} });
    await deliver({ template: "accessApproved", to: "second@clinic.example", props: { mrn: "1000001", endsAt: null } });

    const html = renderToStaticMarkup(await (await loadPage("true"))());
    expect(visibleText(html)).not.toContain("No emails yet.");
    const emails = emailsOn(html);
    expect(emails.map((email) => email.name)).toEqual(["Email to second@clinic.example: Your access request was approved", "Email to first@clinic.example: Your access request was declined"]);
    const [approved, declined] = emails;
    expect(approved!.text).toMatch(/^Your access request was approved To second@clinic\.example Sent [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T /);
    expect(approved!.text).toContain("Open the record");
    expect(approved!.links).toEqual([`${APP_URL}/mypatients/patients/1000001`]);
    expect(approved!.text).toMatch(new RegExp(`Plain-text version .*${APP_URL}/mypatients/patients/1000001`));
    expect(declined!.text).toMatch(/^Your access request was declined To first@clinic\.example Sent [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M E[SD]T /);
    expect(declined!.links).toEqual([`${APP_URL}/mypatients/requests`]);
  });
});
