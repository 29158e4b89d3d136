// Proves the leak scanner can fail: a canary build that puts the user's dashboard token in a
// <meta> tag is started beside the suite's server, and the scanner must report it. Then that the
// canary, and the benchmark's route without a token check, are in no build but their own.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DIST_DIR } from "../playwright.config";
import { createUser, expect, signInByApi, test } from "./fixtures";
import { findLeaks, forbiddenStrings, recordResponses } from "./leak-scanner";

const PORT = 3101;
const BASE = `http://localhost:${PORT}`;
const DATABASE_URL = "file:.data/e2e/leak-canary.db";
const CANARY_DIST_DIR = ".next-canary";
/** The canary's <meta> name, which components/layout/leak-canary-meta.tsx alone holds. */
const MARKER = "gatehouse-leak-canary";

// One worker runs this file's tests in order, so that one canary server is built and started.
test.describe.configure({ mode: "default" });

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = spawn("npx", ["tsx", "lib/cli/e2e-server.ts"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      NODE_ENV: "production",
      NEXT_DIST_DIR: CANARY_DIST_DIR,
      GATEHOUSE_BUILD_LEAK_CANARY: "1",
      NEXTAUTH_URL: BASE,
      DATABASE_URL,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      TOKEN_PEPPER: process.env.E2E_TOKEN_PEPPER,
      TOKEN_ENCRYPTION_KEY: process.env.E2E_TOKEN_ENCRYPTION_KEY,
    },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 560; i++) {
    try {
      if ((await fetch(`${BASE}/login`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("The canary server did not start");
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

test("the leak scanner catches a dashboard token in a canary build", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: BASE });
  const captured = recordResponses(context);
  const user = await createUser("STANDARD", { databaseUrl: DATABASE_URL });
  await signInByApi(context.request, user);
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator(`meta[name="${MARKER}"]`)).toHaveCount(1);
  const leaks = findLeaks(await captured(), await forbiddenStrings(DATABASE_URL));
  await context.close();
  expect(leaks.map((leak) => leak.what)).toContain("a dashboard token");
  expect(leaks.map((leak) => leak.what)).toContain("a dsh token");
});

test("the suite's own build has neither the canary nor the benchmark's routes", async ({ request }) => {
  expect(filesContaining(CANARY_DIST_DIR, MARKER).length).toBeGreaterThan(0);
  expect(filesContaining(DIST_DIR, MARKER)).toEqual([]);
  // The request fixture calls the suite's server, not the canary's.
  expect((await request.get("/api/bench/devices")).status()).toBe(404);
  expect((await request.get("/api/bench/static")).status()).toBe(404);
  expect((await request.get("/bench/tiles")).status()).toBe(404);
});

/**
 * The files of a build folder whose bytes contain text. Its cache/ is left out: the bundler's cache
 * may keep what earlier builds read, and nothing in it is served or run.
 */
function filesContaining(dir: string, text: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => !name.startsWith(`cache${path.sep}`))
    .filter((name) => {
      const file = path.join(dir, name);
      return fs.statSync(file).isFile() && fs.readFileSync(file).includes(text);
    });
}
