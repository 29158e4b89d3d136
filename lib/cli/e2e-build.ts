// The e2e suite's production builds, made ahead of time: `npm test` runs this beside Vitest, at a
// low priority, so that Playwright finds both builds current (lib/cli/build-cache.ts) instead of
// making them while nothing else runs. Best effort: a build that fails here fails again, loudly,
// in the suite that needs it.
import crypto from "node:crypto";
import { buildIsCurrent, markBuilt, sourceFingerprint } from "./build-cache";
import { run } from "./run";

/** Builds into distDir unless a build of the same sources and switches is there already. */
export function ensureBuild(distDir: string, env: NodeJS.ProcessEnv): void {
  const fingerprint = sourceFingerprint(process.cwd(), env);
  if (buildIsCurrent(distDir, fingerprint)) return;
  run("next", ["build"], { env: { ...env, NODE_ENV: "production", NEXT_DIST_DIR: distDir }, quiet: true });
  markBuilt(distDir, fingerprint);
}

/** The suite's build and the leak canary's (e2e/leak-canary.spec.ts), one after the other: two builds at once race on tsconfig.json. */
function main() {
  // Secrets are read at run time, never built in; the build only needs well-formed ones to load its modules.
  const secret = () => crypto.randomBytes(32).toString("base64");
  const env = { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "file:.data/e2e/e2e.db", NEXTAUTH_SECRET: secret(), TOKEN_PEPPER: secret(), TOKEN_ENCRYPTION_KEY: secret(), NEXT_TELEMETRY_DISABLED: "1" };
  ensureBuild(process.env.E2E_DIST_DIR ?? ".next-e2e", env);
  ensureBuild(".next-canary", { ...env, GATEHOUSE_BUILD_LEAK_CANARY: "1" });
}

if (process.argv[1]?.endsWith("e2e-build.ts")) main();
