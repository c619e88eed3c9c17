// The language of a MyChildren's request at work: form results shown in it, and the switcher's
// cookie. The rule that picks the language is lib/i18n/request.ts.
import "server-only";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import type { RequestMetadata } from "@/lib/audit/record";
import { PORTALS } from "@/lib/auth/portals";
import { setAccountLanguage } from "@/lib/family/language";
import type { FormState } from "@/lib/form-state";
import { cookieLocale } from "./chosen-locale";
import { translateFormState, translateMessage, type Translate } from "./form-messages";
import { LOCALE_COOKIE, type Locale } from "./locales";

async function translator(): Promise<Translate> {
  const t = await getTranslations("formMessages");
  return (key, values) => t(key, values);
}

/** A MyChildren's form result with lib/'s English messages in the request's language. */
export async function inRequestLanguage<State extends FormState>(state: State): Promise<State> {
  return translateFormState(state, await translator());
}

/** One of lib/'s English messages (lib/i18n/form-messages.ts), shown on a MyChildren's page, in the request's language. */
export async function messageInRequestLanguage(message: string): Promise<string> {
  return translateMessage(message, await translator());
}

const ONE_YEAR_S = 365 * 24 * 3600;

/**
 * Keeps the switcher's choice in this browser. Sent only to MyChildren's pages (its path), so it
 * never reaches MyPatients or the staff console.
 */
export async function rememberLocale(locale: Locale): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: PORTALS.mychildren.home,
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    maxAge: ONE_YEAR_S,
  });
}

/**
 * After a family signs in: a language chosen with the switcher before signing in is kept on the
 * account, so the pages stay in the language the person just chose. Without a choice, the
 * account's own language stays.
 */
export async function keepChosenLanguage(email: string, request: RequestMetadata): Promise<void> {
  const chosen = await cookieLocale();
  if (chosen) await setAccountLanguage({ email }, chosen, { request });
}
