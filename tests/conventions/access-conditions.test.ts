import { describe, expect, it } from "vitest";
import { sourceFiles } from "./source";

// Both access rules (SPEC §2, §3) and "grant in force" are written once as Prisma conditions, and
// the few the hot paths need once more as SQL (decision 017), all in lib/access.ts. A query
// anywhere else in lib/ composes those conditions; one that writes its own copy fails here.
const RULE_FILE = "lib/access.ts";

const INLINE_RULES: { rule: string; pattern: RegExp }[] = [
  { rule: "a grant's end date (grant in force)", pattern: /\bendsAt:\s*(null\b|\{\s*(gt|gte|lt|lte)\b)/ },
  { rule: "a grant's start date (grant in force)", pattern: /\bstartsAt:\s*\{\s*(gt|gte|lt|lte)\b/ },
  { rule: "a link's relationship (approvers)", pattern: /\brelationship:\s*["'](GUARDIAN|SELF)["']/ },
  { rule: "the approvers' ages", pattern: /\bbornYearsBefore\(/ },
  { rule: "a patient's links (the family rule)", pattern: /\blinks:\s*\{\s*(some|every|none)\b/ },
  { rule: "the providers of a practice (the PCP branch, site administrators)", pattern: /\bproviders:\s*\{\s*(some|every|none)\b/ },
  { rule: "a membership in force", pattern: /\bmembershipEndedAt:\s*null\b/ },
  // The same rules written out in SQL (decision 017).
  { rule: "a grant's dates in SQL (grant in force, ended)", pattern: /"(endsAt|startsAt|revokedAt)"\s*(<|>|IS\b)/ },
  { rule: "a link's relationship in SQL (approvers)", pattern: /\."?relationship"?\s*=\s*'(GUARDIAN|SELF)'/ },
  { rule: "a membership in SQL (the PCP branch)", pattern: /"(membershipStatus|membershipEndedAt)"\s*(=|IS\b)|"practiceId"\s*=\s*\w+\."practiceId"/ },
  { rule: "the approvers' ages in SQL", pattern: /"dateOfBirth"\s*(<|>)/ },
];

describe("access conditions are written only in lib/access.ts", () => {
  const files = sourceFiles("lib", { tests: false });

  it("no other module of lib/ writes an approver, grant or practice condition of its own", () => {
    const copies = files
      .filter((file) => file.path !== RULE_FILE && file.path !== "lib/dates.ts")
      .flatMap((file) =>
        file.text.split("\n").flatMap((line, index) => {
          // What a write stores (`data: …`) is not a condition: only the rest of the line is checked.
          const condition = line.split(/\bdata:/)[0]!;
          return INLINE_RULES.filter(({ pattern }) => pattern.test(condition)).map(({ rule }) => `${file.path}:${index + 1} writes ${rule}: ${line.trim()}`);
        }),
      );
    expect(copies).toEqual([]);
  });

  it("each pattern finds the rule where it is written (so the check above can fail)", () => {
    const rules = files.find((file) => file.path === RULE_FILE)!.text;
    for (const { rule, pattern } of INLINE_RULES) expect(pattern.test(rules), rule).toBe(true);
  });
});
