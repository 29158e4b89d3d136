// The e2e suite: a production build on a fresh database, in Debian's Chromium (see DESIGN.md).
import crypto from "node:crypto";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;
/** The folder the suite's server is built into. */
export const DIST_DIR = process.env.E2E_DIST_DIR ?? ".next-e2e";

// Fresh secrets for this run, set once in the runner and inherited by its workers and the server.
for (const name of ["NEXTAUTH_SECRET", "TOKEN_PEPPER", "TOKEN_ENCRYPTION_KEY"]) {
  process.env[`E2E_${name}`] ??= crypto.randomBytes(32).toString("base64");
}
process.env.E2E_DATABASE_URL ??= defaultDatabaseUrl();

/**
 * E2E_DATABASE picks the engine when E2E_DATABASE_URL does not name a database: `sqlite` (the
 * default), a file under .data/; or `postgres`, a database gatehouse_e2e_<port> on TEST_POSTGRES_URL's
 * server, which the suite's server drops and creates again (so two runs on two ports go side by side).
 */
function defaultDatabaseUrl(): string {
  const engine = process.env.E2E_DATABASE ?? "sqlite";
  if (engine === "sqlite") return "file:.data/e2e/e2e.db";
  if (engine !== "postgres") throw new Error(`E2E_DATABASE must be sqlite or postgres, not ${engine}`);
  if (!process.env.TEST_POSTGRES_URL) throw new Error("E2E_DATABASE=postgres needs TEST_POSTGRES_URL, a server where it may create databases");
  const url = new URL(process.env.TEST_POSTGRES_URL);
  url.pathname = `/gatehouse_e2e_${PORT}`;
  return url.toString();
}

const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // A minute a test: on a shared 2-core machine the server, two browsers and argon2 sign-ins compete,
  // and a test of several sign-ins and pages has run out of 30 s with nothing wrong (expect waits stay 10 s).
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // `npm test` asks for a JSON report too, to sum every suite into one line.
  reporter: process.env.E2E_JSON_REPORT ? [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /leak-canary/ },
    // Builds a second, deliberately leaky server: after the main run, so the two builds never compete.
    { name: "leak-canary", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /leak-canary/, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "npx tsx lib/cli/e2e-server.ts",
    url: `${BASE_URL}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Another folder, port and database let a second run go beside this one (E2E_DIST_DIR, E2E_PORT, E2E_DATABASE_URL).
      NEXT_DIST_DIR: DIST_DIR,
      NEXTAUTH_URL: BASE_URL,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET!,
      TOKEN_PEPPER: process.env.E2E_TOKEN_PEPPER!,
      TOKEN_ENCRYPTION_KEY: process.env.E2E_TOKEN_ENCRYPTION_KEY!,
      // Live pages refresh every 2 s, so that the specs see new readings arrive without waiting long.
      LIVE_REFRESH_SECONDS: "2",
      // The specs' fixtures write to the database behind the server's back, as no instance would.
      FLEET_CACHE_SECONDS: "0",
      // Set at run time on an ordinary build: the leak scanner in every spec proves it does nothing.
      GATEHOUSE_LEAK_CANARY: "1",
    },
  },
});
