// How dates read in pages and emails: one time zone (APP_TIME_ZONE, default America/New_York) and
// one format. Moments (when something happened) are shown in that zone; calendar dates (a date of
// birth, a visit day: @db.Date columns, stored as midnight UTC) are shown as the day they are.
// MyChildren's pages read them in the family's language (SPEC §9): the same zone, that language's
// conventions ("Dec 1, 2026" / "1 dic 2026"). Everything else is English.
import { displaySettings } from "@/lib/env";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";

/** The Intl locale of each language: US conventions, as the hospital's families live in the US. */
const INTL_LOCALE: Record<Locale, string> = { en: "en-US", es: "es-US" };

const formats = new Map<string, Intl.DateTimeFormat>();

function format(options: Intl.DateTimeFormatOptions, timeZone: string, locale: Locale = DEFAULT_LOCALE): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone });
    formats.set(key, found);
  }
  return found;
}

/** The day a moment falls on in the configured time zone: "Dec 1, 2026" ("1 dic 2026" in Spanish). */
export function formatDate(moment: Date, timeZone = displaySettings().APP_TIME_ZONE, locale: Locale = DEFAULT_LOCALE): string {
  return format({ dateStyle: "medium" }, timeZone, locale).format(moment);
}

/** A moment with its time in the configured time zone: "Dec 1, 2026, 6:05 PM EST" ("1 dic 2026, 6:05 p.m. EST"). */
export function formatDateTime(moment: Date, timeZone = displaySettings().APP_TIME_ZONE, locale: Locale = DEFAULT_LOCALE): string {
  return format({ dateStyle: "medium", timeStyle: "short" }, timeZone, locale).format(moment) + " " + zoneName(moment, timeZone, locale);
}

/** A calendar date (a @db.Date column): the day itself, whatever the time zone. */
export function formatCalendarDate(day: Date, locale: Locale = DEFAULT_LOCALE): string {
  return format({ dateStyle: "medium" }, "UTC", locale).format(day);
}

function zoneName(moment: Date, timeZone: string, locale: Locale): string {
  return format({ timeZoneName: "short" }, timeZone, locale).formatToParts(moment).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

const DAY_MS = 86_400_000;

/**
 * How long ago a moment was, in whole calendar days of the configured time zone: "today",
 * "yesterday", "3 days ago" ("hoy", "ayer", "hace 3 días"). Days, not 24-hour spans, so a day
 * of 23 or 25 hours (a daylight-saving change) still counts as one.
 */
export function formatDaysAgo(moment: Date, now: Date, timeZone = displaySettings().APP_TIME_ZONE, locale: Locale = DEFAULT_LOCALE): string {
  const dayOf = (at: Date) => {
    const parts = format({ year: "numeric", month: "numeric", day: "numeric" }, timeZone).formatToParts(at);
    const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"));
  };
  const days = Math.round((dayOf(now) - dayOf(moment)) / DAY_MS);
  return new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: "auto" }).format(-days, "day");
}

/** The formats above in one language and the configured time zone, for a page in that language. */
export function datesIn(locale: Locale) {
  const timeZone = displaySettings().APP_TIME_ZONE;
  return {
    date: (moment: Date) => formatDate(moment, timeZone, locale),
    dateTime: (moment: Date) => formatDateTime(moment, timeZone, locale),
    calendarDate: (day: Date) => formatCalendarDate(day, locale),
    daysAgo: (moment: Date, now: Date) => formatDaysAgo(moment, now, timeZone, locale),
  };
}

/** The moment a calendar day ("YYYY-MM-DD", as parseIsoDate reads it) begins in `timeZone`. */
export function startOfDayIn(day: Date, timeZone: string): Date {
  // How far the zone's wall clock is from UTC at that moment; a second pass settles a day on which the offset changes.
  const offset = (at: Date) => {
    const p = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
    const get = (type: string) => Number(p.find((part) => part.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - at.getTime();
  };
  const first = new Date(day.getTime() - offset(day));
  return new Date(day.getTime() - offset(first));
}

/**
 * The day a moment falls on in the configured time zone, written as a sentence in an email reads it
 * in the family's language: "May 25, 2027" in English (formatDate itself), "25 de mayo de 2027" in
 * Spanish (its short form, "25 may 2027", reads clipped in a sentence).
 */
export function formatDateIn(locale: Locale, moment: Date, timeZone = displaySettings().APP_TIME_ZONE): string {
  return locale === "en" ? formatDate(moment, timeZone) : format({ dateStyle: "long" }, timeZone, locale).format(moment);
}
