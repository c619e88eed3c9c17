// npm run admin -- <command> [flags]: hospital staff's tools on the command line, through the same
// domain functions as the staff console. Every change is audited with the operator's name (--by).
import { z } from "zod";
import { createPrismaClient } from "@/lib/db";
import { issueActivationCode } from "@/lib/family/activation";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { disableProvider, enableProvider, enrollPractice, waitingForHospital } from "@/lib/practices/hospital";
import { approveMembership, declineMembership, makeSiteAdmin } from "@/lib/practices/memberships";
import { addStaff } from "@/lib/staff/directory";
import { emailAddress, mrn, personName } from "@/lib/validation";
import { CliError, parseFlags, requireDatabaseUrl, runCli } from "./lib/cli.ts";

const USAGE = `usage: npm run admin -- <command>
  activation-code --mrn <mrn> --relationship GUARDIAN|SELF --by <your name>
  practice enroll --practice <name> [--kind PRIMARY_CARE|SPECIALTY] --by <your name>
  provider approve|decline|make-site-admin|disable|enable --email <provider's email> --by <your name>
  providers waiting
  staff add --email <email> --name <full name> --by <your name>`;

const FLAGS = {
  mrn: { type: "string" },
  relationship: { type: "string" },
  practice: { type: "string" },
  kind: { type: "string" },
  email: { type: "string" },
  name: { type: "string" },
  by: { type: "string" },
} as const;

type Flags = Partial<Record<keyof typeof FLAGS, string>>;

/** A flag's value checked with a shared field rule; the message names the flag. */
function read<T>(flags: Flags, flag: keyof typeof FLAGS, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(flags[flag] ?? "");
  if (!parsed.success) throw new CliError(`--${flag}: ${parsed.error.issues[0]?.message ?? "not valid"} (${USAGE.split("\n")[0]})`);
  return parsed.data;
}

/** Who is acting: their name, for the audit trail. */
const operator = (flags: Flags) => read(flags, "by", personName({ missing: "say who you are (your name), for the audit trail", max: 100 }));

async function providerByEmail(prisma: PrismaClient, flags: Flags) {
  const email = read(flags, "email", emailAddress());
  const provider = await prisma.provider.findUnique({ where: { email }, select: { id: true, fullName: true } });
  if (!provider) throw new CliError(`no provider has the email ${email}`);
  return provider;
}

function done(outcome: { ok: true } | { ok: false; message: string }, success: string): void {
  if (!outcome.ok) throw new CliError(outcome.message);
  console.log(success);
}

const PROVIDER_COMMANDS = {
  approve: { change: approveMembership, done: "approved: they can now use MyPatients, and were emailed" },
  decline: { change: declineMembership, done: "declined, and emailed" },
  "make-site-admin": { change: makeSiteAdmin, done: "is now a site administrator of their practice" },
} as const;

type Command = (prisma: PrismaClient, flags: Flags) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  "activation-code": async (prisma, flags) => {
    const patientMrn = read(flags, "mrn", mrn("must be the patient's MRN, digits only"));
    const relationship = read(flags, "relationship", z.enum(["GUARDIAN", "SELF"], "must be GUARDIAN or SELF"));
    const result = await issueActivationCode({ mrn: patientMrn, relationship }, { staff: operator(flags) }, prisma);
    if (!result.ok) throw new CliError(result.message);
    console.log(`Activation code for MRN ${patientMrn} (${relationship}): ${result.code}`);
    console.log(`It can be used once, at /mychildren/register, until ${result.expiresAt.toISOString()}.`);
  },
  "practice enroll": async (prisma, flags) => {
    const name = read(flags, "practice", personName({ missing: "name the practice", max: 200 }));
    const kind = flags.kind === undefined ? undefined : read(flags, "kind", z.enum(["PRIMARY_CARE", "SPECIALTY"], "must be PRIMARY_CARE or SPECIALTY"));
    const practice = await prisma.practice.findFirst({ where: { name: { equals: name, mode: "insensitive" } }, select: { id: true, name: true } });
    if (!practice) throw new CliError(`no practice is named "${name}"`);
    done(await enrollPractice(practice.id, { kind, staff: operator(flags) }, prisma), `${practice.name} is enrolled. Approve its waiting providers, then name a site administrator.`);
  },
  "provider disable": async (prisma, flags) => {
    const provider = await providerByEmail(prisma, flags);
    done(await disableProvider(provider.id, { staff: operator(flags) }, prisma), `${provider.fullName} is disabled; their sessions have ended.`);
  },
  "provider enable": async (prisma, flags) => {
    const provider = await providerByEmail(prisma, flags);
    done(await enableProvider(provider.id, { staff: operator(flags) }, prisma), `${provider.fullName} is enabled again.`);
  },
  ...Object.fromEntries(
    Object.entries(PROVIDER_COMMANDS).map(([name, { change, done: success }]): [string, Command] => [
      `provider ${name}`,
      async (prisma, flags) => {
        const provider = await providerByEmail(prisma, flags);
        done(await change(provider.id, { actor: { staff: operator(flags) } }, prisma), `${provider.fullName} ${success}.`);
      },
    ]),
  ),
  "providers waiting": async (prisma) => {
    const { newPractices, withoutAdmin } = await waitingForHospital(prisma);
    const lines = (practices: typeof newPractices) =>
      practices.flatMap((practice) => [`  ${practice.name}${practice.city ? `, ${practice.city}` : ""}${practice.phone ? ` (${practice.phone})` : ""}`, ...practice.providers.map((p) => `    ${p.fullName} <${p.email}> NPI ${p.npi}`)]);
    console.log(["New practices, waiting to be enrolled:", ...(newPractices.length ? lines(newPractices) : ["  none"]), "Practices without a site administrator:", ...(withoutAdmin.length ? lines(withoutAdmin) : ["  none"])].join("\n"));
  },
  "staff add": async (prisma, flags) => {
    const email = read(flags, "email", emailAddress());
    const fullName = read(flags, "name", personName({ missing: "give the staff member's full name" }));
    const result = await addStaff({ email, fullName }, { by: operator(flags) }, prisma);
    if (!result.ok) throw new CliError(result.message);
    console.log(`${fullName} <${email}> may now sign in to the staff console.`);
  },
};

async function main() {
  const { values, positionals } = parseFlags(FLAGS);
  const name = positionals.join(" ");
  const command = COMMANDS[name];
  if (!command) throw new CliError(positionals.length === 0 ? USAGE : `unknown command "${name}" (npm run admin with no arguments lists the commands)`);
  const prisma = createPrismaClient(requireDatabaseUrl(), 1);
  try {
    await command(prisma, values);
  } finally {
    await prisma.$disconnect();
  }
}

runCli("admin", main);
