/** Letters that Unicode does not decompose into a base letter and an accent. */
const FOLDED: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", đ: "d", ł: "l", þ: "th", ð: "d", ı: "i" };

/**
 * The search key of a name: accents removed, lower-cased, inner whitespace collapsed.
 * Patients store it beside each name so search is case- and accent-insensitive and indexed.
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[øæœßđłþðı]/g, (letter) => FOLDED[letter] ?? letter)
    .replace(/\s+/g, " ")
    .trim();
}
