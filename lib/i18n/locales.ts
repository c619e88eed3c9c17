// The languages of MyChildren's pages and of every email to a family (SPEC §9). MyPatients and
// the staff console are in English. A locale here is a BCP 47 tag ("en", "es"); the family
// account keeps its choice as the Prisma enum `Language`.
import type { Language } from "@/lib/generated/prisma/client";

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself, as the switcher shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

const LANGUAGE_OF: Record<Locale, Language> = { en: "EN", es: "ES" };
const LOCALE_OF: Record<Language, Locale> = { EN: "en", ES: "es" };

/** The account column's value for a locale, and back. */
export function languageOf(locale: Locale): Language {
  return LANGUAGE_OF[locale];
}
export function localeOf(language: Language): Locale {
  return LOCALE_OF[language];
}

/**
 * The cookie that keeps the language a visitor chose on a MyChildren's page, signed in or not.
 * A signed-in account's own choice (FamilyAccount.language) wins over it.
 */
export const LOCALE_COOKIE = "mychildren-language";
