// `npm run demo`: secrets, migrations, seed, build (only when the sources changed), then the server.
import { loadEnvConfig } from "@next/env";
import { printPasswords, seedWithProgress } from "@/prisma/seed";
import { databaseUrl } from "@/lib/env-schema";
import { buildIsCurrent, markBuilt, sourceFingerprint } from "./build-cache";
import { ensureLocalEnv, LOCAL_ENV_FILE } from "./local-env";
import { migrate, run, start } from "./run";
import { SECOND_MS } from "@/lib/time";

async function main() {
  const started = performance.now();
  const port = process.env.PORT ?? "3000";
  const added = ensureLocalEnv(LOCAL_ENV_FILE, { NEXTAUTH_URL: `http://localhost:${port}` });
  if (added.length > 0) console.log(`Wrote ${added.join(", ")} to ${LOCAL_ENV_FILE} (git-ignored).`);
  loadEnvConfig(process.cwd());
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.DATABASE_URL = databaseUrl();

  step("Applying database migrations");
  migrate();
  step("Seeding demo data");
  const { passwords } = await seedWithProgress({ url: process.env.DATABASE_URL, days: 30 });

  const fingerprint = sourceFingerprint();
  if (buildIsCurrent(".next", fingerprint)) {
    step("Production build is current");
  } else {
    step("Building for production (about a minute)");
    run("next", ["build"]);
    markBuilt(".next", fingerprint);
  }
  printPasswords(passwords);
  console.log(`Ready in ${((performance.now() - started) / SECOND_MS).toFixed(1)} s. Starting Gatehouse on http://localhost:${port}`);
  const server = start("next", ["start", "-p", port]);
  server.on("exit", (code) => process.exit(code ?? 0));
  // Live readings through the real ingest API, as devices would send them.
  const simulator = start("tsx", ["--conditions=react-server", "lib/cli/simulate.ts"], { env: { ...process.env, PORT: port } });
  simulator.on("exit", (code) => code && console.error(`The simulator stopped (exit ${code}); the server keeps running.`));
}

function step(text: string) {
  console.log(`\n▸ ${text}`);
}

main().catch((error: unknown) => {
  console.error(`\n${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
