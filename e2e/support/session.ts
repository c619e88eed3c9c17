// Signing in through a fixture rather than the UI (the sign-in pages have their own specs): a real
// Session row and the cookie next-auth would issue for it (tests/support/sessions.ts), set in the
// browser.
import type { BrowserContext } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { openSession, type SessionOwner } from "../../tests/support/sessions.ts";
import { runApp } from "./run.ts";
import { appConfig } from "./serve.ts";

/** Someone who signs in: a provider (MyPatients), a MyChildren's account, or a member of staff. */
export interface Account {
  portal: "mypatients" | "mychildren" | "staff";
  id: string;
}

/** An app under test: where it answers, its database, and its configuration (which decides its cookies). */
export interface AppUnderTest {
  baseUrl: string;
  prisma: PrismaClient;
  config: Env;
}

let main: AppUnderTest | undefined;

/** The run's main app (e2e/web-server.ts), which the page, request and browser fixtures open. */
export function mainApp(): AppUnderTest {
  if (!main) {
    const { baseUrl, databaseUrl } = runApp();
    main = { baseUrl, prisma: createPrismaClient(databaseUrl, 2), config: appConfig(baseUrl, databaseUrl) };
  }
  return main;
}

/** The main app's database. */
export function testDatabase(): PrismaClient {
  return mainApp().prisma;
}

export function sessionOwner(account: Account): SessionOwner {
  if (account.portal === "staff") return { portal: "staff", staffId: account.id };
  return account.portal === "mypatients" ? { portal: "mypatients", providerId: account.id } : { portal: "mychildren", accountId: account.id };
}

/** A new session of `account` on `app`, as a Cookie header value, and the session's id. */
export async function sessionCookieHeader(account: Account, app: AppUnderTest = mainApp()): Promise<{ cookie: string; sessionId: string }> {
  const session = await openSession(app.prisma, sessionOwner(account), app.config);
  return { cookie: session.header, sessionId: session.sessionId };
}

/** Signs `account` in, in the browser context, as the sign-in form would. */
export async function signInAs(context: BrowserContext, account: Account, app: AppUnderTest = mainApp()): Promise<void> {
  const { name, value } = await openSession(app.prisma, sessionOwner(account), app.config);
  await context.addCookies([{ name, value, url: app.baseUrl, httpOnly: true, sameSite: "Lax" }]);
}
