// `npm run db:seed [-- --patients N]`: loads the demo data of SPEC §8 (idempotent), then
// optionally N synthetic patients for load tests.
import { createPrismaClient } from "@/lib/db";
import { CliError, parseFlags, requireDatabaseUrl, runCli } from "@/scripts/lib/cli";
import { seedDemo } from "@/scripts/lib/seed/demo";
import { seedSynthetic } from "@/scripts/lib/seed/synthetic";

const MAX_SYNTHETIC_PATIENTS = 2_000_000;

function parsePatientCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_SYNTHETIC_PATIENTS) {
    throw new CliError(`--patients must be a whole number from 1 to ${MAX_SYNTHETIC_PATIENTS.toLocaleString("en-US")} (got "${value}")`);
  }
  return count;
}

/** The parsed flags; Node's multi-line parse errors are cut to their first line. */
function flags() {
  try {
    return parseFlags({ patients: { type: "string" } });
  } catch (error) {
    if (error instanceof CliError) throw new CliError(error.message.split("\n")[0]);
    throw error;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = flags();
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}" (usage: db:seed [--patients N])`);
  const patients = parsePatientCount(values.patients);

  const prisma = createPrismaClient(requireDatabaseUrl(), 2);
  try {
    const { created } = await seedDemo(prisma);
    const summary = [`Demo data: ${created ? "created" : "already present"}`];
    if (patients !== undefined) {
      const started = performance.now();
      await seedSynthetic(prisma, patients);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      summary.push(`Synthetic: ${patients} patient${patients === 1 ? "" : "s"} added in ${seconds}s`);
    }
    console.log(`${summary.join("; ")}.`);
  } finally {
    await prisma.$disconnect();
  }
}

runCli("db:seed", main);
