// next-intl's request configuration (registered in next.config.ts). URLs carry no locale: the
// language of a request is decided here, once per request (SPEC §9, decision 013):
//   - outside MyChildren's (MyPatients, the staff console, anything else): English, at once,
//     with no cookie or database read;
//   - on a MyChildren's page or action with a family session: the account's language;
//   - otherwise: the language chosen with the switcher (LOCALE_COOKIE), else English.
import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getRequestConfig } from "next-intl/server";
import { cache } from "react";
import { getFamilyAccount } from "@/lib/auth/current-user";
import { portalOfPath, REQUEST_PATH_HEADER } from "@/lib/auth/portals";
import { displaySettings } from "@/lib/env";
import en from "@/messages/en.json" with { type: "json" };
import es from "@/messages/es.json" with { type: "json" };
import { cookieLocale } from "./chosen-locale";
import { DEFAULT_LOCALE, localeOf, type Locale } from "./locales";

const CATALOGS = { en, es } satisfies Record<Locale, typeof en>;

/** True when the request is for a MyChildren's page (or a server action posted to one). */
export async function isMyChildrenRequest(): Promise<boolean> {
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  return path !== null && portalOfPath(path.split("?")[0] ?? "") === "mychildren";
}

/** The language of this request, by the rule at the top of this file. */
export const requestLocale = cache(async (): Promise<Locale> => {
  if (!(await isMyChildrenRequest())) return DEFAULT_LOCALE;
  const chosen = (await cookieLocale()) ?? DEFAULT_LOCALE;
  try {
    const account = await getFamilyAccount();
    return account ? localeOf(account.language) : chosen;
  } catch (error) {
    // The database cannot say who is signed in: the page says so itself (PortalLayout), in the chosen language.
    unstable_rethrow(error);
    return chosen;
  }
});

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: CATALOGS[locale], timeZone: displaySettings().APP_TIME_ZONE };
});
