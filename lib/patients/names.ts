/**
 * The search key of a name: accents removed, lower-cased, inner whitespace collapsed.
 * Patients store it beside each name so search is case- and accent-insensitive and indexed.
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
