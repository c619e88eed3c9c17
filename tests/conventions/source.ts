// Reading the project's own source for the convention tests: every TypeScript file under a folder.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SourceFile {
  /** Relative to the project, with forward slashes. */
  path: string;
  text: string;
}

const SKIPPED = new Set(["node_modules", "generated", ".next"]);

/** Every .ts/.tsx file under `dir` (relative to the project), test files included unless `tests: false`. */
export function sourceFiles(dir: string, options: { tests?: boolean } = {}): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.posix.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(full);
      } else if (/\.tsx?$/.test(entry.name) && (options.tests !== false || !/\.test\.tsx?$/.test(entry.name))) {
        files.push({ path: full, text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(dir);
  return files;
}

/** The module specifiers a file imports (static imports, re-exports and dynamic imports). */
export function importsOf(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']/g)) specifiers.push(match[1]!);
  for (const match of text.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) specifiers.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specifiers.push(match[1]!);
  return specifiers;
}

/** The project-relative path an import points to ("lib/db", "scripts/lib/cli.ts"), or null for a package. */
export function importTarget(fromFile: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  return null;
}
