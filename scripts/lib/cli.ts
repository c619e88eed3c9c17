// Shared shape of the project's command-line scripts: strict flags, and failures that end
// with one line of explanation and a non-zero exit, never a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { firstLine } from "../../lib/errors.ts";

/** An expected failure: its message is the whole explanation. */
export class CliError extends Error {}

export function parseFlags<T extends ParseArgsConfig["options"]>(options: T, args = process.argv.slice(2)) {
  try {
    return parseArgs({ options, args, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** One line describing why `error` happened, for people rather than debuggers. */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED" || /ECONNREFUSED|Can't reach database server|connect ECONNREFUSED/.test(message)) {
    return `cannot reach the database (${firstLine(error)})`;
  }
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  return firstLine(error);
}


/** Runs a script's main function; on failure prints `<name>: <reason>` and exits 1. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`${name}: ${describeError(error)}`);
      process.exit(1);
    },
  );
}

/** DATABASE_URL, or a CliError saying how to set it. */
export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new CliError("DATABASE_URL is not set (for example postgresql://postgres@127.0.0.1:5432/mypatients)");
  if (!/^postgres(ql)?:\/\//.test(url)) throw new CliError("DATABASE_URL must be a postgresql:// connection string");
  return url;
}
