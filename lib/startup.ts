import { env, EnvError } from "@/lib/env";

/** Start-up of a server process: a bad configuration stops it with a message naming the variable. */
export function startServer(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
