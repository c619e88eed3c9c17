// Hostile input for the specs that attack the app's entry points: what an attacker or a broken
// client sends instead of what the forms would. Values are fast-check arbitraries, so every run
// tries a different mix; the fixed lists hold the classics every run should include.
import fc from "fast-check";

/** The size of an "oversized" field: far beyond any limit of any form, well within the body limit. */
export const HUGE = 100_000;

/**
 * Injection-shaped, malformed and edge-case text. None of it is a demo MRN, a demo email or a
 * real identifier, and none of it contains the markers the answer checks look for.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "a\u0000b",
  "%00",
  "' OR 1=1 --",
  "' OR '1'='1",
  "1; DROP TABLE \"Patient\"; --",
  "\") OR 1=1 --",
  "1 UNION SELECT \"passwordHash\" FROM \"Provider\" --",
  "'; SELECT pg_sleep(5); --",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "/etc/passwd%00.png",
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "toString",
  "[object Object]",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "true",
  "[]",
  "{}",
  '{"$ne":null}',
  "$undefined",
  "$@1",
  "$K1",
  "$Q0",
  "-1",
  "-0",
  "0",
  "00000000",
  "-1234567",
  "+1234567",
  "1e308",
  "0x10",
  "1_234_567",
  "1234567.0",
  "9".repeat(21),
  "1".repeat(400),
  "0000-00-00",
  "9999-99-99",
  "0000-01-01",
  "2018-02-30",
  "2018-13-01",
  "-2018-03-14",
  "+275760-09-13",
  "2018-03-14T00:00:00Z",
  "14/03/2018",
  "2099-01-01",
  "١٢٣٤٥٦٧",
  "１２３４５６７",
  "\u202e1234567",
  "\u200b",
  "\ud800",
  "\udfff\ud800",
  "😀",
  "👨‍👩‍👧‍👦".repeat(50),
  "Ω≈ç√∫˜µ≤≥÷",
  "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗̻̈́",
  "\r\nSet-Cookie: injected=1",
  "a\u0085b\u2028c\u2029",
  "\u001b[31mred",
  "\u007f",
];

/** Oversized values, one per run at most (they are slow to echo back). */
export const HUGE_STRINGS: readonly string[] = [
  "x".repeat(HUGE),
  "9".repeat(HUGE),
  "<".repeat(HUGE),
  "é".repeat(HUGE / 2),
  "😀".repeat(HUGE / 4),
  "\u0000".repeat(1_000),
];

/** Email-shaped values that are not a valid address (so no form accepts them as one). */
export const INVALID_EMAILS: readonly string[] = [
  "not-an-email",
  "@clinic.example",
  "dr@",
  "dr@@clinic.example",
  "dr@clinic..example",
  "dr@clinic",
  "dr @clinic.example",
  "dr@clinic.example\u0000",
  "dr@clinic.example<script>",
  "' OR 1=1 --@clinic.example",
  `${"a".repeat(300)}@clinic.example`,
  "ｄｒ@ｃｌｉｎｉｃ.example",
  "dr@clinic.example\r\nBcc: everyone@clinic.example",
];

/** UUID-shaped values that are not UUIDs, or are UUIDs of nothing. */
export const ID_LIKE: readonly string[] = [
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "-".repeat(36),
  "0".repeat(36),
  "f".repeat(32),
  "g".repeat(36),
  "00000000-0000-4000-8000-00000000000",
  "00000000-0000-4000-8000-0000000000000",
  "{00000000-0000-4000-8000-000000000000}",
  "00000000000040008000000000000000",
];

/** Token-shaped values (Crockford base32 groups and near misses). */
export const TOKEN_LIKE: readonly string[] = [
  "ABCD-EFGH-JKMN-PQRS",
  "0000-0000-0000-0000",
  "IIII-LLLL-OOOO-0000",
  "UUUU-UUUU-UUUU-UUUU",
  "abcd efgh jkmn pqrs",
  "ABCD-EFGH-JKMN-PQR",
  "ABCD-EFGH-JKMN-PQRS-TVWX",
  "\u0000".repeat(16),
];

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Well-formed tokens nobody was given. */
export const wellFormedToken = fc
  .array(fc.constantFrom(...CROCKFORD), { minLength: 16, maxLength: 16 })
  .map((symbols) => symbols.join("").match(/.{4}/g)!.join("-"));

/** Characters spliced into otherwise ordinary values, where a validator that checks only the shape lets them through. */
const SPLICED = ["\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u2028", "\u202e", "\ufeff", "\ud800", "%00", "'", '"', "<", ">", "\\", "/", "..", "--", ";", "\r\n"] as const;

const controlCharacters = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 20 });
const digitStrings = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 400 });
const numberStrings = fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String);
const dateShaped = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: -1, max: 99 }), fc.integer({ min: -1, max: 99 }))
  .map(([year, month, day]) => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

/**
 * Hostile text for one field. `plausible` values are what the field normally holds: they are
 * mixed in alone and with hostile text appended, so the checks behind the first one are reached.
 */
export function hostileText(plausible: readonly string[] = []): fc.Arbitrary<string> {
  const near = plausible.length > 0
    ? [
        { arbitrary: fc.constantFrom(...plausible), weight: 3 },
        { arbitrary: fc.tuple(fc.constantFrom(...plausible), fc.constantFrom(...HOSTILE_STRINGS)).map(([value, suffix]) => value + suffix), weight: 2 },
        {
          arbitrary: fc.tuple(fc.constantFrom(...plausible), fc.nat(), fc.constantFrom(...SPLICED)).map(([value, at, inserted]) => {
            const position = value.length === 0 ? 0 : at % (value.length + 1);
            return value.slice(0, position) + inserted + value.slice(position);
          }),
          weight: 4,
        },
      ]
    : [];
  return fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 5 },
    { arbitrary: fc.constantFrom(...HUGE_STRINGS), weight: 1 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 64 }), weight: 2 },
    { arbitrary: controlCharacters, weight: 1 },
    { arbitrary: digitStrings, weight: 1 },
    { arbitrary: numberStrings, weight: 1 },
    { arbitrary: dateShaped, weight: 1 },
    ...near,
  );
}

/** One field of a submitted form: left out, sent once, sent twice, or sent as a file. */
export type FieldValue = { kind: "missing" } | { kind: "text"; values: string[] } | { kind: "file"; filename: string; content: string };

export function hostileField(values: fc.Arbitrary<string>): fc.Arbitrary<FieldValue> {
  return fc.oneof(
    { arbitrary: fc.constant<FieldValue>({ kind: "missing" }), weight: 1 },
    { arbitrary: values.map((value): FieldValue => ({ kind: "text", values: [value] })), weight: 8 },
    { arbitrary: fc.tuple(values, values).map(([first, second]): FieldValue => ({ kind: "text", values: [first, second] })), weight: 1 },
    {
      arbitrary: fc.tuple(fc.constantFrom("../../etc/passwd", "a.txt", "<script>.js", "", "😀.png"), values).map(([filename, content]): FieldValue => ({ kind: "file", filename, content })),
      weight: 1,
    },
  );
}

/** Field names no form has, which a crafted request may add. */
const EXTRA_FIELD_NAMES = ["__proto__", "constructor", "providerId", "accountId", "status", "role", "isAdmin", "$ACTION_ID_0", "$ACTION_REF_1", "0", "next"] as const;

export interface HostileForm {
  fields: [string, FieldValue][];
  extras: [string, string][];
}

/** A whole form: each named field hostile (or missing, doubled, a file), plus unexpected extra fields. */
export function hostileForm(fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<HostileForm> {
  const names = Object.keys(fields);
  return fc.record({
    fields: fc.tuple(...names.map((name) => hostileField(fields[name]!).map((value): [string, FieldValue] => [name, value]))),
    extras: fc.array(fc.tuple(fc.constantFrom(...EXTRA_FIELD_NAMES), hostileText()), { maxLength: 2 }),
  });
}

export function toFormData(form: HostileForm): FormData {
  const data = new FormData();
  for (const [name, value] of form.fields) {
    if (value.kind === "text") for (const text of value.values) data.append(name, text);
    if (value.kind === "file") data.append(name, new Blob([value.content], { type: "application/octet-stream" }), value.filename);
  }
  for (const [name, text] of form.extras) data.append(name, text);
  return data;
}

/** Every text the form carries: the app may echo these back, which is not a leak. */
export function formTexts(form: HostileForm): string[] {
  const texts: string[] = [];
  for (const [, value] of form.fields) {
    if (value.kind === "text") texts.push(...value.values);
    if (value.kind === "file") texts.push(value.content, value.filename);
  }
  for (const [name, text] of form.extras) texts.push(name, text);
  return texts;
}

/** A short, readable rendering of a value for failure messages (oversized values abbreviated). */
export function brief(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? `${inner}n` : inner)) ?? String(value);
  if (typeof value !== "string") return text.length > 160 ? `${text.slice(0, 160)}…(${text.length} chars)` : text;
  return text.length > 40 ? `${JSON.stringify(text.slice(0, 24))}…(${text.length} chars)` : JSON.stringify(text);
}

export function describeForm(form: HostileForm): string {
  const parts = form.fields.map(([name, value]) => {
    if (value.kind === "missing") return `${name}: (missing)`;
    if (value.kind === "file") return `${name}: file ${brief(value.filename)} containing ${brief(value.content)}`;
    return `${name}: ${value.values.map(brief).join(" + ")}`;
  });
  for (const [name, text] of form.extras) parts.push(`extra ${brief(name)}: ${brief(text)}`);
  return `{ ${parts.join(", ")} }`;
}

/** Values that are not form data, for arguments of the wrong type. */
export const notFormData: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom("mrn", "token", "email", "password", "get", "constructor"), fc.constantFrom(...HOSTILE_STRINGS), { maxKeys: 3, noNullPrototype: true }),
  fc.date({ noInvalidDate: true }),
);

/** Cookie values a client may send in place of a session cookie (header-safe characters only). */
export const hostileCookieValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "garbage",
    "%00",
    "null",
    "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..AAAA.BBBB.CCCC",
    "eyJhbGciOiJub25lIn0.eyJwb3J0YWwiOiJteXBhdGllbnRzIiwic2lkIjoieCJ9.",
    "a".repeat(8_000),
  ),
  fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%!*'()"), maxLength: 300 }),
);
