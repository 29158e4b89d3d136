// `npm run bench`: every benchmark on SQLite, then again on PostgreSQL when a server is configured
// (BENCH_POSTGRES_URL or TEST_POSTGRES_URL; `.ci/postgres start DIR PORT` makes one), each in a
// process of its own, since a process talks to one engine. `npm run bench -- --sqlite` or
// `-- --postgres` runs one engine only.
import { spawnSync } from "node:child_process";
import { loadEnvConfig } from "@next/env";
import { bin } from "@/lib/cli/run";
import { benchPostgresUrl, type Engine } from "./engine";

const SCRIPTS = ["bench/api.ts", "bench/hotpath.ts", "bench/telemetry.ts", "bench/homepage.ts"];

function engines(): Engine[] {
  if (process.argv.includes("--sqlite")) return ["sqlite"];
  if (process.argv.includes("--postgres")) return ["postgres"];
  if (benchPostgresUrl()) return ["sqlite", "postgres"];
  console.log("No PostgreSQL server configured (BENCH_POSTGRES_URL or TEST_POSTGRES_URL): SQLite only.");
  return ["sqlite"];
}

// BENCH_POSTGRES_URL may be in .env, as .env.example shows; the benchmarks inherit it.
loadEnvConfig(process.cwd());

for (const engine of engines()) {
  for (const script of SCRIPTS) {
    console.log(`\n━━ ${script} on ${engine} ━━`);
    const args = ["--conditions=react-server", script, ...(engine === "postgres" ? ["--postgres"] : [])];
    const { status } = spawnSync(bin("tsx"), args, { stdio: "inherit" });
    if (status !== 0) process.exit(status ?? 1);
  }
}

// What a browser measures of the pages does not depend on the engine: Lighthouse runs once, last.
console.log("\n━━ bench/lighthouse.ts ━━");
const lighthouse = spawnSync(bin("tsx"), ["--conditions=react-server", "bench/lighthouse.ts"], { stdio: "inherit" });
if (lighthouse.status !== 0) process.exit(lighthouse.status ?? 1);
