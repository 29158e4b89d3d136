// `npm test`: typecheck, lint, Vitest and Playwright in turn, then one line `N passed, N failed`.
// Every suite runs even when an earlier one fails, so one run shows everything that is wrong.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bin } from "./run";
import { SECOND_MS } from "@/lib/time";

type Tally = { suite: string; passed: number; failed: number; skipped: number; seconds: number };

const REPORTS = path.join(".data", "test-results");

function exec(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(bin(name), args, { stdio: "inherit", env });
  return result.status ?? 1;
}

function timed(suite: string, body: () => Omit<Tally, "suite" | "seconds">): Tally {
  console.log(`\n━━ ${suite} ━━`);
  const started = performance.now();
  const tally = body();
  return { suite, ...tally, seconds: (performance.now() - started) / SECOND_MS };
}

/** A check that either passes or fails as a whole counts as one test. */
function check(name: string, args: string[]) {
  const ok = exec(name, args) === 0;
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

function vitest(engine: "sqlite" | "postgres" = "sqlite") {
  const report = path.join(REPORTS, `vitest-${engine}.json`);
  fs.rmSync(report, { force: true });
  const env = engine === "postgres" ? { ...process.env, TEST_DATABASE: "postgres" } : process.env;
  const status = exec("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env);
  const json = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
  if (!json) return { passed: 0, failed: 1, skipped: 0 };
  // A failure outside any test (a broken import, say) still fails the suite.
  const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests };
}

function playwright() {
  const report = path.resolve(REPORTS, "playwright.json");
  fs.rmSync(report, { force: true });
  const status = exec("playwright", ["test"], { ...process.env, E2E_JSON_REPORT: report });
  const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] }>(report);
  if (!json) return { passed: 0, failed: 1, skipped: 0 };
  const { expected, unexpected, flaky, skipped } = json.stats;
  const failed = unexpected + flaky + (status !== 0 && unexpected + flaky === 0 ? 1 : 0);
  return { passed: expected, failed, skipped };
}

function main() {
  fs.mkdirSync(REPORTS, { recursive: true });
  const tallies = [
    timed("typecheck", () => check("tsc", ["--noEmit", "-p", "."])),
    timed("lint", () => check("eslint", ["--max-warnings=0", "."])),
    timed("vitest", () => vitest()),
    // The same suite on PostgreSQL, where a server is at hand (.ci/run starts one: TEST_POSTGRES_URL).
    ...(process.env.TEST_POSTGRES_URL ? [timed("vitest pg", () => vitest("postgres"))] : []),
    timed("playwright", playwright),
  ];
  console.log("\n━━ summary ━━");
  for (const t of tallies) {
    console.log(`  ${t.suite.padEnd(10)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}  (${t.seconds.toFixed(0)} s)`);
  }
  const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
  const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
  const skipped = tallies.reduce((sum, t) => sum + t.skipped, 0);
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
