import ts from "typescript";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "./source";

// MyChildren's pages are in the family's language (SPEC §9): no user-visible words are written in
// app/mychildren/** itself; they come from the catalogs (messages/*.json) through next-intl. This
// reads every file there as TypeScript and finds the words a person would see: JSX text, string
// literals in JSX (a {"text"} child) and in the props that people read or hear (aria-label, title,
// alt, placeholder, label, hint, caption), and the messages and titles an action or page returns.
// Allowed: punctuation and spaces, and the proper names below.

const PROPER_NAMES = ["MyChildren's", "MyPatients", "Children's Hospital", "English", "Español"];
const READ_PROPS = new Set(["aria-label", "title", "alt", "placeholder", "label", "hint", "caption", "legend", "aria-description"]);
const READ_KEYS = new Set(["message", "title", "label", "caption", "hint", "description"]);

/** True when the text holds words: letters left once the proper names are taken out. */
function hasWords(text: string): boolean {
  let rest = text;
  for (const name of PROPER_NAMES) rest = rest.split(name).join("");
  return /\p{L}/u.test(rest);
}

/** The hard-coded user-visible strings of one file, as "path:line: text". */
export function hardCodedStrings(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, value: string) => {
    if (!hasWords(value)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path}:${line + 1}: ${value.trim()}`);
  };
  /** The literal text of a string or template (its fixed parts), or null for anything else. */
  const literal = (node: ts.Node | undefined): string | null => {
    if (!node) return null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
    if (ts.isParenthesizedExpression(node)) return literal(node.expression);
    if (ts.isConditionalExpression(node)) return [literal(node.whenTrue), literal(node.whenFalse)].filter((part) => part !== null).join(" ") || null;
    return null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const value = literal(node.expression);
      if (value !== null) report(node, value);
    } else if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(source))) {
      const initializer = node.initializer;
      const value = initializer && ts.isJsxExpression(initializer) ? literal(initializer.expression) : literal(initializer);
      if (value !== null) report(node, value);
    } else if (ts.isPropertyAssignment(node) && READ_KEYS.has(node.name.getText(source))) {
      const value = literal(node.initializer);
      if (value !== null) report(node, value);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("MyChildren's words come from the catalogs", () => {
  const files = sourceFiles("app/mychildren", { tests: false });

  it("finds MyChildren's pages to check", () => {
    expect(files.map((file) => file.path)).toContain("app/mychildren/page.tsx");
  });

  it("no user-visible string is written in app/mychildren/**", () => {
    expect(files.flatMap((file) => hardCodedStrings(file.path, file.text))).toEqual([]);
  });

  it("finds each kind of hard-coded string (so the check above can fail)", () => {
    const page = `
      export const metadata = { title: "Account" };
      export default function Page() {
        return (
          <main>
            <h1>Record activity</h1>
            {"Nothing yet."}
            <button aria-label={\`Revoke access of \${name}\`}>{t("revoke")}</button>
            <input placeholder="Email" />
            <p>{ok ? "Approved" : t("denied")} · {t("since")} MyChildren's</p>
          </main>
        );
      }
      const state = { ok: true, message: "Invitation sent." };`;
    expect(hardCodedStrings("page.tsx", page).map((line) => line.replace(/^page\.tsx:\d+: /, ""))).toEqual([
      "Account",
      "Record activity",
      "Nothing yet.",
      "Revoke access of",
      "Email",
      "Approved",
      "Invitation sent.",
    ]);
  });
});
