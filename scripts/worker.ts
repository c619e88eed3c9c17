// npm run worker — delivers queued emails in its own process. Run app instances with
// EMAIL_SENDER_IN_APP=false when using it. Any number of workers may run at once.
import { db } from "@/lib/db";
import { startConfiguredSender } from "@/lib/email/delivery";
import { startMaintenance } from "@/lib/maintenance";
import { env } from "@/lib/env";
import { CliError, parseFlags, runCli } from "./lib/cli.ts";

async function main() {
  const { positionals } = parseFlags({});
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}" (worker takes none)`);
  const { DEV_MAILBOX } = env();
  const sender = startConfiguredSender();
  if (!sender) throw new CliError("no email transport is configured: set RESEND_API_KEY (or DEV_MAILBOX=true)");
  const maintenance = startMaintenance(db());
  console.log(`Email worker running (${DEV_MAILBOX ? "development mailbox" : "Resend"}). Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  maintenance.stop();
  await sender.stop();
  console.log("Email worker stopped.");
}

runCli("worker", main);
