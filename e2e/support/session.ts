// Signing in through a fixture rather than the UI (the sign-in pages have their own specs):
// a real Session row and the cookie next-auth would issue for it, set in the browser.
import type { BrowserContext } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { createSession } from "@/lib/auth/session-store";
import { authSecret, sessionCookie, SESSION_COOKIE_MAX_AGE_SECONDS } from "@/lib/auth/session-cookie";
import { createPrismaClient } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let shared: PrismaClient | undefined;

/** The test run's database (the one the app under test uses). */
export function testDatabase(): PrismaClient {
  shared ??= createPrismaClient(process.env.E2E_DATABASE_URL!, 2);
  return shared;
}

export async function signInAs(context: BrowserContext, portal: "mypatients" | "mychildren", email: string): Promise<void> {
  const prisma = testDatabase();
  const owner =
    portal === "mypatients"
      ? { portal, providerId: (await prisma.provider.findUniqueOrThrow({ where: { email } })).id }
      : { portal, accountId: (await prisma.familyAccount.findUniqueOrThrow({ where: { email } })).id };
  const { secret } = await prisma.$transaction((tx) => createSession(tx, owner, new Date()));
  const cookie = sessionCookie(portal);
  const value = await encode({ token: { portal, sid: secret }, secret: authSecret(), salt: cookie.name, maxAge: SESSION_COOKIE_MAX_AGE_SECONDS });
  await context.addCookies([{ name: cookie.name, value, url: process.env.E2E_BASE_URL!, httpOnly: true, sameSite: "Lax" }]);
}
