import { describe, expect, it } from "vitest";
import { importsOf, importTarget, sourceFiles } from "./source";

// Imports go one way:
//   app/ → lib/ (the product; lib never imports tooling)
//   scripts/lib/, tests/support/ (the base of the tooling) → lib/
//   seeds, scripts, tests, e2e and the benchmark → the base and lib/
// and pages read through lib/, never through the database client themselves.
const BASE = ["scripts/lib/", "tests/support/"];
const TOOLING = ["scripts/", "tests/", "e2e/", "prisma/", "bench/"];

function violations(dirs: string[], forbidden: (target: string) => boolean): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((file) =>
      importsOf(file.text)
        .map((specifier) => ({ specifier, target: importTarget(file.path, specifier) }))
        .filter(({ target }) => target !== null && forbidden(target))
        .map(({ specifier }) => `${file.path} imports ${specifier}`),
    ),
  );
}

const under = (target: string, prefixes: string[]) => prefixes.some((prefix) => target.startsWith(prefix));

describe("imports go one way", () => {
  it("the product (app/, lib/, emails/) imports no tooling", () => {
    expect(violations(["app", "lib", "emails"], (target) => under(target, TOOLING))).toEqual([]);
  });

  it("the base of the tooling imports only the product and itself", () => {
    expect(violations(["scripts/lib", "tests/support"], (target) => under(target, TOOLING) && !under(target, BASE))).toEqual([]);
  });

  it("nothing imports a seed command, a test, an end-to-end spec or the benchmark", () => {
    const entryPoints = (target: string) =>
      target.startsWith("prisma/") || target.startsWith("tests/integration/") || target.startsWith("tests/conventions/") || target.startsWith("e2e/") || target.startsWith("bench/") || /^scripts\/[^/]+$/.test(target);
    // A folder may import its own support files (e2e/support, the benchmark's own modules).
    const own = (dir: string) => violations([dir], (target) => entryPoints(target) && !target.startsWith(`${dir}/`));
    expect([...own("scripts"), ...own("tests"), ...own("e2e"), ...own("prisma"), ...own("bench")]).toEqual([]);
  });

  it("pages and layouts read through lib/, never through the database client", () => {
    const direct = sourceFiles("app").filter((file) => /\bdb\(\)\s*\.\s*(\$|[a-z]\w*\s*\.)/.test(file.text)).map((file) => file.path);
    expect(direct).toEqual([]);
  });
});
