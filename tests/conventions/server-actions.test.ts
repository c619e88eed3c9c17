import { describe, expect, it } from "vitest";
import { sourceFiles, type SourceFile } from "./source";

// Every server action is a public endpoint. Each is built by formAction (lib/forms.ts), which
// checks the caller before anything else, or by a factory in this list that returns formAction's
// result. The access matrix (e2e/access-matrix.spec.ts) proves the checks at run time; this test
// makes sure no action is written any other way.
const FACTORIES: Record<string, string> = {
  formAction: "lib/forms.ts",
  signInAction: "lib/auth/portal-actions.ts",
  sharingChange: "app/mychildren/family-actions.ts",
  forgotPasswordAction: "lib/auth/portal-actions.ts",
  resetPasswordAction: "lib/auth/portal-actions.ts",
  changeProviderPasswordAction: "lib/auth/portal-actions.ts",
  changeFamilyPasswordAction: "lib/auth/portal-actions.ts",
  startTwoStepAction: "lib/auth/two-step-actions.ts",
  confirmTwoStepAction: "lib/auth/two-step-actions.ts",
  disableTwoStepAction: "lib/auth/two-step-actions.ts",
  secondStepAction: "lib/auth/two-step-actions.ts",
  enrolAtSignInAction: "lib/auth/two-step-actions.ts",
};

/** Actions that are not form actions, and why they need no caller check. */
const NOT_BUILT: Record<string, string> = {
  "app/mypatients/actions.ts#signOut": "ends whatever session its cookie names, or none",
  "app/mychildren/actions.ts#signOut": "ends whatever session its cookie names, or none",
  "app/staff/actions.ts#signOut": "ends whatever session its cookie names, or none",
};

/**
 * Files whose actions anyone may call: sign-in, registration, email verification, and MyChildren's
 * language switcher (which changes only the caller's own account when one is signed in).
 */
const PUBLIC = ["app/mychildren/language-actions.ts", "lib/auth/portal-actions.ts", "app/mypatients/register/actions.ts", "app/mychildren/register/actions.ts", "app/mypatients/verify-email/actions.ts", "app/staff/login/actions.ts"];

function isServerModule(file: SourceFile): boolean {
  const body = file.text.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*/, "");
  return /^\s*["']use server["']/.test(body);
}

/** Each value a module exports: its name, and how it is made ("call:<callee>", "function", …). */
function exportsOf(text: string): { name: string; made: string }[] {
  const found: { name: string; made: string }[] = [];
  for (const match of text.matchAll(/^export\s+(?:default\s+)?(async\s+function|function|const|let|var|class)\s+(\w+)\s*(?:=\s*([\w.]+)\s*\()?/gm)) {
    const [, kind, name, callee] = match;
    found.push({ name: name!, made: kind!.includes("function") ? "function" : callee ? `call:${callee}` : kind! });
  }
  for (const match of text.matchAll(/^export\s*\{([^}]*)\}/gm)) for (const name of match[1]!.split(",")) found.push({ name: name.trim(), made: "re-export" });
  return found;
}

describe("server actions", () => {
  const modules = [...sourceFiles("app", { tests: false }), ...sourceFiles("lib", { tests: false })].filter(isServerModule);

  it("are found (the check below has something to check)", () => {
    expect(modules.map((file) => file.path)).toContain("app/mypatients/patient-actions.ts");
  });

  it("are each built by the action builder, or listed with the reason they need no caller check", () => {
    const problems = modules.flatMap((file) =>
      exportsOf(file.text)
        .filter(({ name, made }) => !(made.startsWith("call:") && made.slice(5) in FACTORIES) && !(`${file.path}#${name}` in NOT_BUILT))
        .map(({ name, made }) => `${file.path}#${name} is made by ${made}, not by ${Object.keys(FACTORIES).join(" or ")}`),
    );
    expect(problems).toEqual([]);
  });

  it("factories other than the builder return the builder's action", () => {
    const files = new Map([...sourceFiles("app"), ...sourceFiles("lib")].map((file) => [file.path, file.text]));
    for (const [factory, path] of Object.entries(FACTORIES)) {
      if (factory === "formAction") continue;
      const body = files.get(path)?.split(new RegExp(`function ${factory}\\b`))[1] ?? "";
      expect(body, `${factory} in ${path}`).toMatch(/^[^]*?\{\s*(\/\/[^\n]*\n\s*)*return formAction\(\{/);
    }
  });

  it("open to anyone only where no session can exist yet (sign-in, registration, email verification, password reset), or for the language switcher", () => {
    const everything = [...sourceFiles("app", { tests: false }), ...sourceFiles("lib", { tests: false })];
    const publicCallers = everything.filter((file) => /caller:\s*["']public["']/.test(file.text)).map((file) => file.path);
    expect(publicCallers.sort()).toEqual([...PUBLIC].sort());
  });
});
