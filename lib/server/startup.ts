// Start-up checks: a server without its secrets stops at once with a message that names each one.
import { EnvError, readEnv } from "@/lib/env-schema";

export function checkEnvironmentOrExit(): void {
  try {
    readEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
