// `npm test`: typecheck, lint, Vitest and Playwright in turn, then one line `N passed, N failed`.
// Every suite runs even when an earlier one fails, so one run shows everything that is wrong.
import { spawn, spawnSync } from "node:child_process";
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

/**
 * Runs to completion without blocking this process, so that another suite can run beside it; its
 * output goes to `log` when given (to be printed once it ends), else to the console.
 */
function execAsync(name: string, args: string[], env: NodeJS.ProcessEnv, log?: string, niceness = 0): Promise<number> {
  const out = log ? fs.openSync(log, "w") : "inherit";
  const [command, argv] = niceness > 0 ? ["nice", ["-n", String(niceness), bin(name), ...args]] : [bin(name), args];
  const child = spawn(command, argv, { stdio: ["ignore", out, out], env });
  return new Promise((resolve) => {
    const done = (code: number) => {
      if (typeof out === "number") fs.closeSync(out);
      resolve(code);
    };
    child.on("error", () => done(1));
    child.on("exit", (code) => done(code ?? 1));
  });
}

type Counts = Omit<Tally, "suite" | "seconds">;

function timed(suite: string, body: () => Counts): Tally {
  console.log(`\n━━ ${suite} ━━`);
  const started = performance.now();
  const tally = body();
  return { suite, ...tally, seconds: (performance.now() - started) / SECOND_MS };
}

async function timedAsync(suite: string, body: () => Promise<Counts>): Promise<Tally> {
  const started = performance.now();
  const tally = await body();
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

function vitestArgs(report: string): string[] {
  return ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
}

function vitestCounts(report: string, status: number): Counts {
  const json = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
  if (!json) return { passed: 0, failed: 1, skipped: 0 };
  // A failure outside any test (a broken import, say) still fails the suite.
  const failed = json.numFailedTests + (status !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests };
}

/**
 * The Vitest suite on one engine. The PostgreSQL run goes beside the SQLite one: Vitest gives each
 * run one worker on a 2-core machine, and a database test spends much of its time waiting on its
 * database, so two runs side by side take little longer than one. Its output is printed when it ends.
 */
async function vitest(engine: "sqlite" | "postgres"): Promise<Counts> {
  const report = path.join(REPORTS, `vitest-${engine}.json`);
  fs.rmSync(report, { force: true });
  const env = engine === "postgres" ? { ...process.env, TEST_DATABASE: "postgres" } : process.env;
  const status = await execAsync("vitest", vitestArgs(report), env, engine === "postgres" ? VITEST_POSTGRES_LOG : undefined);
  return vitestCounts(report, status);
}

const VITEST_POSTGRES_LOG = path.join(REPORTS, "vitest-postgres.log");

/**
 * The specs that run a second time on PostgreSQL: the pages whose reads and writes go through the
 * engine's own statements (tiles, pages of devices, tokens, audit, usage, alerts, posture, and the
 * hostile sweep of their queries, which found a PostgreSQL-only 500). Left to the SQLite run, to keep
 * CI within its time: sign-in, sessions, people, device controls and the live dashboard, whose
 * server code Vitest runs on PostgreSQL too (throttling, the security epoch, users, charts), and
 * headers, themes, accessibility and raw HTTP, which no engine changes. `E2E_DATABASE=postgres npm
 * run test:e2e` runs the whole suite there (all of it passed, 168 tests, on 2026-12-03).
 */
const POSTGRES_SPECS = [
  "access",
  "alerts",
  "audit",
  "dashboard-token",
  "homepage",
  "homepage-pages",
  "hostile-admin",
  "hygiene",
  "tokens-ui",
  "usage",
].map((name) => `e2e/${name}.spec.ts`);

/**
 * The Playwright suite; on PostgreSQL, POSTGRES_SPECS against a server of its own on another port
 * and database, from the same build (E2E_DATABASE in playwright.config.ts).
 */
function playwright(engine: "sqlite" | "postgres" = "sqlite"): Counts {
  const report = path.resolve(REPORTS, `playwright-${engine}.json`);
  fs.rmSync(report, { force: true });
  const [args, env] =
    engine === "sqlite"
      ? [["test"], {}]
      : [["test", "--project", "chromium", "--output", "test-results/postgres", ...POSTGRES_SPECS], { E2E_DATABASE: "postgres", E2E_PORT: "3101" }];
  const status = exec("playwright", args, { ...process.env, ...env, E2E_JSON_REPORT: report });
  const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] }>(report);
  if (!json) return { passed: 0, failed: 1, skipped: 0 };
  const { expected, unexpected, flaky, skipped } = json.stats;
  const failed = unexpected + flaky + (status !== 0 && unexpected + flaky === 0 ? 1 : 0);
  return { passed: expected, failed, skipped };
}

/**
 * Playwright's two production builds (lib/cli/e2e-build.ts), made while Vitest runs: Vitest leaves
 * part of the machine idle, waiting on its databases, and a low priority keeps the builds to that
 * part, so that Vitest's own timings are not disturbed. Playwright then finds both builds current.
 */
function prebuild(): Promise<number> {
  return execAsync("tsx", [path.join("lib", "cli", "e2e-build.ts")], process.env, path.join(REPORTS, "e2e-build.log"), 15);
}

async function main() {
  fs.mkdirSync(REPORTS, { recursive: true });
  const tallies = [timed("typecheck", () => check("tsc", ["--noEmit", "-p", "."])), timed("lint", () => check("eslint", ["--max-warnings=0", "."]))];
  // After the type check, which reads the builds' generated types (tsconfig.json includes them).
  const built = prebuild();
  // The same suite on PostgreSQL where a server is at hand (.ci/run starts one: TEST_POSTGRES_URL).
  const onPostgres = process.env.TEST_POSTGRES_URL ? timedAsync("vitest pg", () => vitest("postgres")) : undefined;
  console.log(`\n━━ vitest ━━${onPostgres ? "\n(the PostgreSQL run goes beside this one; its output follows when it ends)" : ""}`);
  tallies.push(await timedAsync("vitest", () => vitest("sqlite")));
  if (onPostgres) {
    const tally = await onPostgres;
    console.log("\n━━ vitest pg ━━");
    process.stdout.write(fs.readFileSync(VITEST_POSTGRES_LOG, "utf8"));
    tallies.push(tally);
  }
  const buildStarted = performance.now();
  const buildStatus = await built;
  console.log(`\n(e2e builds ${buildStatus === 0 ? "ready" : "failed ahead of time; Playwright builds again"}, after a wait of ${((performance.now() - buildStarted) / SECOND_MS).toFixed(0)} s)`);
  tallies.push(timed("playwright", () => playwright()));
  if (process.env.TEST_POSTGRES_URL) tallies.push(timed("playwright pg", () => playwright("postgres")));
  console.log("\n━━ summary ━━");
  for (const t of tallies) {
    console.log(`  ${t.suite.padEnd(13)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ""}  (${t.seconds.toFixed(0)} s)`);
  }
  const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
  const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
  const skipped = tallies.reduce((sum, t) => sum + t.skipped, 0);
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
