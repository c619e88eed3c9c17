// How dates read in pages and emails: one time zone (APP_TIME_ZONE, default America/New_York) and
// one format. Moments (when something happened) are shown in that zone; calendar dates (a date of
// birth, a visit day: @db.Date columns, stored as midnight UTC) are shown as the day they are.
import { displaySettings } from "@/lib/env";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
    formats.set(key, found);
  }
  return found;
}

/** The day a moment falls on in the configured time zone: "Dec 1, 2026". */
export function formatDate(moment: Date, timeZone = displaySettings().APP_TIME_ZONE): string {
  return format({ dateStyle: "medium" }, timeZone).format(moment);
}

/** A moment with its time in the configured time zone: "Dec 1, 2026, 6:05 PM EST". */
export function formatDateTime(moment: Date, timeZone = displaySettings().APP_TIME_ZONE): string {
  return format({ dateStyle: "medium", timeStyle: "short" }, timeZone).format(moment) + " " + zoneName(moment, timeZone);
}

/** A calendar date (a @db.Date column): the day itself, whatever the time zone. */
export function formatCalendarDate(day: Date): string {
  return format({ dateStyle: "medium" }, "UTC").format(day);
}

function zoneName(moment: Date, timeZone: string): string {
  return format({ timeZoneName: "short" }, timeZone).formatToParts(moment).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
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

// ── Dates in emails to families ─────────────────────────────────────────────────────────────────
// Kept apart from the formatters above (which MyChildren's pages give a locale argument) so the two
// changes meet cleanly; once both are in, this can call formatDate with that argument for English.

/**
 * The day a moment falls on in the configured time zone, written as a sentence in an email reads it
 * in the family's language: "May 25, 2027" in English (formatDate itself), "25 de mayo de 2027" in
 * Spanish (its short form, "25 may 2027", reads clipped in a sentence).
 */
export function formatDateIn(locale: string, moment: Date, timeZone = displaySettings().APP_TIME_ZONE): string {
  return locale === "en" ? formatDate(moment, timeZone) : new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(moment);
}
