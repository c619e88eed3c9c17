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
