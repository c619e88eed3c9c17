// Calendar arithmetic on UTC dates, shared by the domain modules.

/** A calendar date "YYYY-MM-DD" as midnight UTC, or null when it is not a real date. */
export function parseIsoDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  // Years before 1800 are typing mistakes (and year 0 does not exist for PostgreSQL).
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getUTCFullYear() >= 1800 ? date : null;
}

/** The "YYYY-MM-DD" of a date column. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `date` plus `months` calendar months (the last day of the month when that day does not exist). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** The latest date of birth of someone who is at least `age` years old on `now`'s UTC calendar day. */
export function bornYearsBefore(now: Date, age: number): Date {
  const year = now.getUTCFullYear() - age;
  const month = now.getUTCMonth();
  const day = new Date(Date.UTC(year, month, now.getUTCDate()));
  // On 29 February, `age` years back may have no 29 February: then it is the 28th.
  return day.getUTCMonth() === month ? day : new Date(Date.UTC(year, month + 1, 0));
}
