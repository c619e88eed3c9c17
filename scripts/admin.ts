// npm run admin -- activation-code --mrn <mrn> --relationship GUARDIAN|SELF [--staff <name>]
// Hospital staff's tools. Prints a MyChildren's activation code (valid 30 days, single use) for
// one patient and relationship; the family enters it at /mychildren/register.
import { createPrismaClient } from "@/lib/db";
import { issueActivationCode } from "@/lib/family/activation";
import { mrn } from "@/lib/validation";
import { CliError, parseFlags, requireDatabaseUrl, runCli } from "./lib/cli.ts";

const USAGE = "usage: npm run admin -- activation-code --mrn <mrn> --relationship GUARDIAN|SELF [--staff <name>]";

async function main() {
  const { values, positionals } = parseFlags({ mrn: { type: "string" }, relationship: { type: "string" }, staff: { type: "string" } });
  if (positionals.length !== 1 || positionals[0] !== "activation-code") throw new CliError(USAGE);
  const parsedMrn = mrn().safeParse(values.mrn ?? "");
  if (!parsedMrn.success) throw new CliError(`--mrn must be the patient's MRN, digits only (${USAGE})`);
  const patientMrn = parsedMrn.data;
  const relationship = values.relationship?.toUpperCase();
  if (relationship !== "GUARDIAN" && relationship !== "SELF") throw new CliError(`--relationship must be GUARDIAN or SELF (${USAGE})`);
  const staff = (values.staff ?? process.env.USER ?? "hospital staff").slice(0, 100);

  const prisma = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    const result = await issueActivationCode({ mrn: patientMrn, relationship }, { staff }, prisma);
    if (!result.ok) throw new CliError(result.message);
    console.log(`Activation code for MRN ${patientMrn} (${relationship}): ${result.code}`);
    console.log(`It can be used once, at /mychildren/register, until ${result.expiresAt.toISOString()}.`);
  } finally {
    await prisma.$disconnect();
  }
}

runCli("admin", main);
