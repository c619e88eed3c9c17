import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./locales";

/** The language this browser chose with the switcher, or null when it chose none. Anything else in the cookie is ignored. */
export async function cookieLocale(): Promise<Locale | null> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : null;
}

/** The language this browser chose on a MyChildren's page, or English. */
export async function chosenLocale(): Promise<Locale> {
  return (await cookieLocale()) ?? DEFAULT_LOCALE;
}
