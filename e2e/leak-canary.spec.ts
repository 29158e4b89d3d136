// Proves the leak scanner can fail: a canary build that puts the user's dashboard token in a
// <meta> tag is started beside the suite's server, and the scanner must report it.
import { spawn, type ChildProcess } from "node:child_process";
import { createUser, expect, signInByApi, test } from "./fixtures";
import { findLeaks, forbiddenStrings, recordResponses } from "./leak-scanner";

const PORT = 3101;
const BASE = `http://localhost:${PORT}`;
const DATABASE_URL = "file:.data/e2e/leak-canary.db";

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = spawn("npx", ["tsx", "lib/cli/e2e-server.ts"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-canary",
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
  await expect(page.locator('meta[name="gatehouse-leak-canary"]')).toHaveCount(1);
  const leaks = findLeaks(await captured(), await forbiddenStrings(DATABASE_URL));
  await context.close();
  expect(leaks.map((leak) => leak.what)).toContain("a dashboard token");
  expect(leaks.map((leak) => leak.what)).toContain("a dsh token");
});
