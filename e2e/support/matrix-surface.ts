// The attack surface of the app, read from the file system and the build rather than written
// down by hand: every page, every route handler with its HTTP methods, and every server action.
// The access matrix must hold a row for each, so a new entry point cannot be forgotten.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { allServerActions } from "../../scripts/lib/server-actions.ts";

const APP_DIR = "app";
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** Every file under `dir` (relative to the project), skipping what Next.js never routes. */
function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name === "generated") continue;
      files.push(...walk(full));
    } else {
      files.push(full);
    }
  }
  return files;
}

/**
 * The URL pattern of an app-router file's folder: route groups "(x)" and parallel-route slots
 * "@x" are not part of the URL; a private folder "_x" is not routed at all (null).
 */
function routeOf(file: string): string | null {
  const segments = path.posix.dirname(path.posix.relative(APP_DIR, file)).split("/").filter((segment) => segment !== "." && segment !== "");
  if (segments.some((segment) => segment.startsWith("_"))) return null;
  const routed = segments.filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
  return `/${routed.join("/")}`;
}

/** Every page of the app router, as its URL pattern ("/mypatients/patients/[mrn]"). */
export function discoverPages(): string[] {
  const pages = walk(APP_DIR)
    .filter((file) => /\/page\.(tsx|ts|jsx|js|mdx)$/.test(file))
    .map(routeOf)
    .filter((route): route is string => route !== null);
  return [...new Set(pages)].sort();
}

/** The HTTP methods a route handler module exports. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  const methods = HTTP_METHODS.join("|");
  for (const match of source.matchAll(new RegExp(`export\\s+(?:async\\s+)?function\\s+(${methods})\\b`, "g"))) found.add(match[1]!);
  for (const match of source.matchAll(new RegExp(`export\\s+(?:const|let|var)\\s+(${methods})\\b`, "g"))) found.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of match[1]!.split(",")) {
      const name = item.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && (HTTP_METHODS as readonly string[]).includes(name)) found.add(name);
    }
  }
  return [...found].sort();
}

/** Every route handler with each exported method, as "GET /api/health". */
export function discoverRouteHandlers(): string[] {
  const handlers: string[] = [];
  for (const file of walk(APP_DIR).filter((name) => /\/route\.(ts|tsx|js|jsx)$/.test(name))) {
    const route = routeOf(file);
    if (route === null) continue;
    const methods = exportedMethods(readFileSync(file, "utf8"));
    // A route file that exports no method we recognize still needs a row: it is listed bare.
    if (methods.length === 0) handlers.push(`? ${route}`);
    for (const method of methods) handlers.push(`${method} ${route}`);
  }
  return handlers.sort();
}

/** The functions a module with a file-level "use server" directive exports (each is a public endpoint). */
export function exportedServerActions(source: string): string[] {
  const body = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*/, "");
  if (!/^\s*["']use server["']/.test(body)) return [];
  const names = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:default\s+)?async\s+function\s+(\w+)/g)) names.add(match[1]!);
  for (const match of source.matchAll(/export\s+(?:const|let)\s+(\w+)\s*=\s*async\b/g)) names.add(match[1]!);
  return [...names];
}

/**
 * Every server action, as "app/mypatients/patient-actions.ts#searchAction": those the build's
 * manifest knows (including inline actions of server components) and every export of a
 * "use server" module in the source tree, built or not.
 */
export async function discoverServerActions(): Promise<string[]> {
  const keys = new Set((await allServerActions()).map((action) => `${action.filename}#${action.exportedName}`));
  for (const dir of [APP_DIR, "lib"]) {
    for (const file of walk(dir).filter((name) => /\.(ts|tsx|js|jsx)$/.test(name) && !/\.test\.tsx?$/.test(name))) {
      for (const name of exportedServerActions(readFileSync(file, "utf8"))) keys.add(`${file}#${name}`);
    }
  }
  return [...keys].sort();
}
