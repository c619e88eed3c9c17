import { authSecret } from "@/lib/auth/session-cookie";
import { env, EnvError } from "@/lib/env";

/**
 * Start-up of a server process: a bad configuration stops it with a message naming the
 * variable; then the background work starts: tidying (idempotent, so every instance runs it)
 * and the email sender, unless a separate worker runs it.
 */
export async function startServer(): Promise<void> {
  try {
    env();
    authSecret();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const [{ startMaintenance }, { db }] = await Promise.all([import("@/lib/maintenance"), import("@/lib/db")]);
  startMaintenance(db());
  if (env().EMAIL_SENDER_IN_APP) {
    const { startConfiguredSender } = await import("@/lib/email/delivery");
    startConfiguredSender();
  }
}
