import { authSecret } from "@/lib/auth/session-cookie";
import { env, EnvError } from "@/lib/env";

/**
 * Start-up of a server process: a bad configuration stops it with a message naming the
 * variable; then the email sender starts, unless a separate worker runs it.
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
  if (env().EMAIL_SENDER_IN_APP) {
    const { startConfiguredSender } = await import("@/lib/email/delivery");
    startConfiguredSender();
  }
}
