// Every page on a 390 × 844 phone (issue 14, "Phones"): as a Standard user and as an admin, and the
// sign-in page signed out. The page never scrolls sideways, and every link, button and field in
// <main> lies within the screen, unless it sits in a region that is itself a labelled horizontal
// scroll area (an unmarked sideways scroll hid the token table's actions before).
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_DEVICES } from "../prisma/seed-data";
import { queryOne } from "./db";
import { createDevice, createUser, expect, signInByApi, test, type TestUser } from "./fixtures";
import { measureFit } from "./phone-fit";
import { addReadings } from "./readings";
import { MINUTE_MS } from "@/lib/time";

const PHONE = { width: 390, height: 844 };

type Context = { page: Page; request: APIRequestContext; user: TestUser };

type Target = {
  name: string;
  path: (context: Context) => Promise<string> | string;
};

/** A device of the person's own with an hour of readings, so that its charts draw. */
async function ownDevice({ user }: Context): Promise<string> {
  const device = await createDevice(user.id, "Greenhouse north wall CO₂ and temperature sensor", { location: "Allotment 14, behind the tool shed" });
  const now = Date.now();
  const readings = Array.from({ length: 60 }, (_, i) => ({ metric: "temperature", unit: "°C", time: new Date(now - (60 - i) * MINUTE_MS), value: 18 + Math.sin(i / 9) * 3 }));
  addReadings(user, device.id, readings);
  return device.id;
}

/** The person's dashboard token, made by their first visit to the homepage. */
async function ownTokenPage({ page, user }: Context): Promise<string> {
  expect((await page.goto("/"))?.status()).toBe(200);
  const token = await queryOne<{ id: string }>('SELECT "id" FROM "ApiToken" WHERE "userId" = ? ORDER BY "createdAt" LIMIT 1', [user.id]);
  if (!token) throw new Error("The homepage made no dashboard token");
  return `/tokens/${token.id}`;
}

/** Another person, with a device and a dashboard token, whose tokens the admin opens. */
async function someoneElse(request: APIRequestContext): Promise<string> {
  const other = await createUser("STANDARD");
  await createDevice(other.id, "Boiler room pressure gauge with a long name");
  await signInByApi(request, other);
  expect((await request.get("/")).status()).toBe(200);
  return other.id;
}

const EVERYONE: Target[] = [
  { name: "the homepage", path: () => "/" },
  { name: "the token page", path: () => "/settings/tokens" },
  { name: "a token's usage page", path: ownTokenPage },
  { name: "the notifications page", path: () => "/notifications" },
  { name: "the password page", path: () => "/settings/password" },
  { name: "the API docs", path: () => "/docs/api" },
  { name: "the add-device page", path: () => "/devices/new" },
  { name: "a device's connection page", path: async (context) => `/devices/${await ownDevice(context)}/connect` },
];

const STANDARD: Target[] = [...EVERYONE, { name: "a device page", path: async (context) => `/devices/${await ownDevice(context)}` }];

const ADMIN: Target[] = [
  ...EVERYONE,
  { name: "a seeded device page", path: () => `/devices/${DEMO_DEVICES[0]!.id}` },
  { name: "the admin overview", path: () => "/admin" },
  { name: "the users page", path: () => "/admin/users" },
  { name: "a user's tokens", path: async ({ request }) => `/admin/users/${await someoneElse(request)}/tokens` },
  { name: "the policies page", path: () => "/admin/policies" },
  { name: "the audit log", path: () => "/admin/audit" },
  { name: "the usage page", path: () => "/admin/usage" },
  { name: "the alerts page", path: () => "/admin/alerts?status=all" },
];

async function expectFitsPhone(page: Page, where: string) {
  // A live page re-renders every 2 s in the e2e server: hold it still so that one render is measured.
  const pause = page.getByRole("button", { name: "Pause live updates" });
  if (await pause.count()) await pause.first().click();
  const fit = await measureFit(page);
  expect(fit.scrollWidth, `${where} scrolls sideways at ${PHONE.width} px`).toBeLessThanOrEqual(fit.innerWidth);
  expect(fit.offscreen, `${where}: controls in <main> past the screen's edge, outside a labelled scroll region`).toEqual([]);
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
}

test.use({ viewport: PHONE });

for (const [role, targets] of [
  ["STANDARD", STANDARD],
  ["ADMIN", ADMIN],
] as const) {
  test.describe(`at ${PHONE.width} px as ${role === "ADMIN" ? "an admin" : "a Standard user"}`, () => {
    for (const target of targets) {
      test(`${target.name} fits the screen`, async ({ page, request }) => {
        test.setTimeout(2 * MINUTE_MS);
        const user = await createUser(role);
        await signInByApi(page.request, user);
        const path = await target.path({ page, request, user });
        await visit(page, path);
        await expectFitsPhone(page, `${path} as ${role}`);
      });
    }
  });
}

test(`at ${PHONE.width} px the sign-in page fits the screen, signed out`, async ({ page }) => {
  await visit(page, "/login");
  await expectFitsPhone(page, "/login");
});

// The check itself, on the shape issue 14 found: a table whose row actions sat past the screen's
// edge behind a sideways scroll that nothing marked. Marked and named, the same scroll passes.
test(`at ${PHONE.width} px the check finds actions behind an unmarked sideways scroll`, async ({ page }) => {
  const table = (wrapper: string) => `
    <main style="padding: 16px">
      ${wrapper.replace("TABLE", `<table style="width: 900px"><tr><td>Backup script</td><td style="width: 700px">…</td><td><button>Revoke</button></td></tr></table>`)}
    </main>`;
  await page.setContent(table(`<div style="overflow-x: auto">TABLE</div>`));
  expect((await measureFit(page)).offscreen).toEqual([expect.stringContaining('button "Revoke"')]);

  await page.setContent(table(`<div role="region" aria-label="Tokens" tabindex="0" style="overflow-x: auto">TABLE</div>`));
  expect(await measureFit(page)).toEqual({ scrollWidth: PHONE.width, innerWidth: PHONE.width, offscreen: [] });

  await page.setContent(table("TABLE"));
  const unscrolled = await measureFit(page);
  expect(unscrolled.scrollWidth).toBeGreaterThan(PHONE.width);
  expect(unscrolled.offscreen).toHaveLength(1);
});
