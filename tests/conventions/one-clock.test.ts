import { describe, expect, it } from "vitest";
import { sourceFiles } from "./source";

// Dates shown to people (pages and emails) go through lib/format.ts: one configured time zone and
// one format. A page or email that builds its own date format (and so picks its own zone) fails here.
const FORMAT_FILE = "lib/format.ts";
const OWN_FORMAT = /\bIntl\.DateTimeFormat\(|\.toLocale(Date|Time)?String\(/;

describe("one clock", () => {
  const files = ["app", "lib", "emails"].flatMap((root) => sourceFiles(root, { tests: false }));

  it("no page, email or domain module formats a date itself", () => {
    const own = files
      .filter((file) => file.path !== FORMAT_FILE && file.path !== "lib/env.ts")
      .flatMap((file) => file.text.split("\n").flatMap((line, index) => (OWN_FORMAT.test(line) ? [`${file.path}:${index + 1}: ${line.trim()}`] : [])));
    expect(own).toEqual([]);
  });

  it("the pattern finds the one place that does (so the check above can fail)", () => {
    expect(OWN_FORMAT.test(files.find((file) => file.path === FORMAT_FILE)!.text)).toBe(true);
  });
});
