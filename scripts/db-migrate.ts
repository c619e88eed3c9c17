// npm run db:migrate — applies prisma/migrations to DATABASE_URL through Prisma's WASM schema
// engine (no downloaded binary). Safe to run again: applied migrations are skipped.
import { parseFlags, CliError, requireDatabaseUrl, runCli } from "./lib/cli.ts";
import { applyMigrations } from "./lib/schema-engine.ts";

async function main() {
  const { positionals } = parseFlags({});
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}" (db:migrate takes none; it reads DATABASE_URL)`);
  const applied = await applyMigrations(requireDatabaseUrl());
  console.log(applied.length === 0 ? "Database is up to date." : `Applied ${applied.length} migration(s): ${applied.join(", ")}`);
}

runCli("db:migrate", main);
