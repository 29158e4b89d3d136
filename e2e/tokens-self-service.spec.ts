// Self-service tokens (issue 14): a standard user rotates their own tokens with the grace their
// policy allows; the token pages have views by status in the URL, with counts; each status says
// itself once, with its when; "soon" only inside the reminder window, and a note instead for a
// device token its script renews; the last use's address, or why there is none.
import crypto from "node:crypto";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { DAY_MS, HOUR_MS } from "../lib/time";
import { query, queryOne } from "./db";
import { createDevice, createUser, expect, signInByApi, signedInAs, test } from "./fixtures";

const me = (request: APIRequestContext, token: string) => request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });

type TokenRow = {
  name: string;
  kind?: "PERSONAL" | "DEVICE";
  deviceId?: string;
  /** Who issued it; null for Gatehouse's own scripts (the simulator). Defaults to the owner. */
  createdById?: string | null;
  expiresInMs?: number;
  revokedAgoMs?: number;
  revokedReason?: string;
  graceEndsInMs?: number;
  lastUsedAgoMs?: number;
  lastUsedIp?: string;
};

let inserted = 0;

/** A token row with no real token behind it, as the lifecycle would leave it; each one newer than the last. */
async function insertToken(userId: string, row: TokenRow): Promise<string> {
  const id = crypto.randomUUID();
  const now = Date.now();
  inserted++;
  const at = (ms: number | undefined, sign: 1 | -1) => (ms === undefined ? null : new Date(now + sign * ms));
  const kind = row.kind ?? "PERSONAL";
  await query(
    'INSERT INTO "ApiToken" ("id","userId","kind","name","scopes","deviceId","hash","prefix","last4","createdAt","createdById","expiresAt","revokedAt","revokedReason","graceEndsAt","lastUsedAt","lastUsedIp") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
    [
      id,
      userId,
      kind,
      row.name,
      kind === "DEVICE" ? "telemetry:write" : "devices:read",
      row.deviceId ?? null,
      crypto.randomBytes(32).toString("hex"),
      kind === "DEVICE" ? "gth_dev_" : "gth_pat_",
      id.slice(0, 4),
      new Date(now - 10 * DAY_MS + inserted * 1000),
      row.createdById === undefined ? userId : row.createdById,
      new Date(now + (row.expiresInMs ?? 60 * DAY_MS)),
      at(row.revokedAgoMs, -1),
      row.revokedReason ?? (row.revokedAgoMs === undefined ? null : "revoked"),
      at(row.graceEndsInMs, 1),
      at(row.lastUsedAgoMs, -1),
      row.lastUsedIp ?? null,
    ],
  );
  return id;
}

/** The live ones of tokensOfEveryStatus, newest first. */
const LIVE = ["Old sync", "Nightly export", "Backup script"];

/** One of every status, named so that a row is found by its name. */
async function tokensOfEveryStatus(userId: string) {
  return {
    active: await insertToken(userId, { name: "Backup script" }),
    expiring: await insertToken(userId, { name: "Nightly export", expiresInMs: 10 * DAY_MS }),
    grace: await insertToken(userId, { name: "Old sync", graceEndsInMs: 2 * HOUR_MS }),
    revoked: await insertToken(userId, { name: "Lost laptop", revokedAgoMs: 2 * DAY_MS }),
    expired: await insertToken(userId, { name: "Last year's job", expiresInMs: -3 * DAY_MS }),
  };
}

const row = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
const tabs = (page: Page) => page.getByRole("navigation", { name: "Token status" });
/** The names of the rows on show, newest first; retried until they match, as a view loads. */
const expectNames = (page: Page, names: string[]) => expect(page.getByRole("rowheader").getByRole("link")).toHaveText(names);

async function takeRevealedToken(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("You will not see this token again");
  const token = await dialog.getByLabel("Token", { exact: true }).inputValue();
  await dialog.getByRole("button", { name: /close/ }).click();
  await expect(dialog).toBeHidden();
  return token;
}

test("a standard user rotates their own personal token with a grace their policy allows, audited, the successor shown once", async ({ page, request }) => {
  const user = await signedInAs(page, "STANDARD");
  // The dashboard's own token comes with the first visit: it is rotated by Gatehouse, never by hand.
  await page.goto("/");
  await page.goto("/settings/tokens");
  const create = page.getByRole("region", { name: "Create a token" });
  await create.getByLabel("Personal").check();
  await create.getByLabel("Name", { exact: true }).fill("Home script");
  await create.getByLabel("devices:read", { exact: true }).check();
  await create.getByRole("button", { name: "Create token" }).click();
  const token = await takeRevealedToken(page);

  const mine = row(page, "Home script").first();
  const grace = mine.getByLabel("Grace period for the old token of Home script");
  // The policy's grace (24 hours for Standard) is the default, and nothing past it is offered.
  await expect(grace).toHaveValue("24");
  expect(await grace.locator("option").allInnerTexts()).toEqual(["No grace", "1 hour grace", "24 hours grace"]);
  await grace.selectOption("1");
  await mine.getByRole("button", { name: "Rotate Home script" }).click();
  const next = await takeRevealedToken(page);
  expect(next).not.toBe(token);
  expect((await me(request, token)).status()).toBe(200);
  expect((await me(request, next)).status()).toBe(200);
  expect(await page.content()).not.toContain(next);

  const old = await queryOne<{ id: string; replacedById: string }>('SELECT "id", "replacedById" FROM "ApiToken" WHERE "userId" = ? AND "name" = ? AND "replacedById" IS NOT NULL', [user.id, "Home script"]);
  expect(old).toBeDefined();
  const audit = await queryOne<{ actorId: string; detail: string }>('SELECT "actorId", "detail" FROM "AuditEvent" WHERE "action" = ? AND "targetId" = ?', ["token.rotated", old!.id]);
  expect(audit?.actorId).toBe(user.id);
  expect(JSON.parse(audit!.detail)).toEqual({ successor: old!.replacedById, graceHours: 1 });
  await expect(page.locator(`[data-token-id="${old!.id}"]`)).toContainText(/Valid until .+ UTC \(rotated\)/);

  // The dashboard token's row says it is rotated for them, and offers no rotation.
  const dashboard = page.getByRole("row").filter({ hasText: "gth_dsh_…" });
  await expect(dashboard).toContainText("Rotated automatically before it expires");
  await expect(dashboard.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);
});

test("a standard user rotates their own device's token", async ({ page, request }) => {
  const user = await signedInAs(page, "STANDARD");
  await createDevice(user.id, "Garden probe");
  await page.goto("/settings/tokens");
  const create = page.getByRole("region", { name: "Create a token" });
  await create.getByRole("radio", { name: /^Device/ }).check();
  await create.getByLabel("Name", { exact: true }).fill("Probe token");
  await create.getByRole("combobox", { name: "Device" }).selectOption({ label: "Garden probe" });
  await create.getByRole("button", { name: "Create token" }).click();
  const token = await takeRevealedToken(page);

  await row(page, "Probe token").first().getByLabel(/Grace period/).selectOption("0");
  await row(page, "Probe token").first().getByRole("button", { name: "Rotate Probe token" }).click();
  const next = await takeRevealedToken(page);
  // No grace: the old one stops at once, the new one works.
  expect((await me(request, token)).status()).toBe(401);
  expect((await me(request, next)).status()).toBe(200);
});

test("the token pages show live tokens by default and every status one click away, with counts, in the URL", async ({ page }) => {
  const user = await createUser("STANDARD");
  await tokensOfEveryStatus(user.id);
  await signInByApi(page.request, user);
  await page.goto("/settings/tokens");
  await expectNames(page, LIVE);
  const counts = { current: "3", active: "1", expiring: "2", revoked: "1", expired: "1", all: "5" };
  for (const [view, count] of Object.entries(counts)) await expect(tabs(page).getByTestId(`count-${view}`)).toHaveText(count);
  await expect(tabs(page).getByRole("link", { name: /^Active and expiring/ })).toHaveAttribute("aria-current", "page");

  await tabs(page).getByRole("link", { name: /^Revoked/ }).click();
  await expect(page).toHaveURL("/settings/tokens?status=revoked");
  await expectNames(page, ["Lost laptop"]);
  await tabs(page).getByRole("link", { name: /^Expired/ }).click();
  await expect(page).toHaveURL("/settings/tokens?status=expired");
  await expectNames(page, ["Last year's job"]);
  await tabs(page).getByRole("link", { name: /^Expiring/ }).click();
  await expect(page).toHaveURL("/settings/tokens?status=expiring");
  await expectNames(page, ["Old sync", "Nightly export"]);
  await tabs(page).getByRole("link", { name: /^All/ }).click();
  await expect(page).toHaveURL("/settings/tokens?status=all");
  await expect(page.getByRole("rowheader")).toHaveCount(5);
  // A reload keeps the view; an unknown one is the default.
  await page.goto("/settings/tokens?status=nonsense");
  await expectNames(page, LIVE);

  // The admin's page of the same user has the same views.
  await signedInAs(page, "ADMIN");
  await page.goto(`/admin/users/${user.id}/tokens?status=revoked`);
  await expectNames(page, ["Lost laptop"]);
  await expect(tabs(page).getByTestId("count-current")).toHaveText("3");
  await tabs(page).getByRole("link", { name: /^Active and expiring/ }).click();
  await expect(page).toHaveURL(`/admin/users/${user.id}/tokens`);
  await expectNames(page, LIVE);
});

test("a view of many tokens shows 50 a page, and its pages keep the view", async ({ page }) => {
  const user = await createUser("STANDARD");
  // 55 revoked, as years of rotations leave them, and one live token.
  for (let n = 1; n <= 55; n++) await insertToken(user.id, { name: `Rotated ${String(n).padStart(2, "0")}`, revokedAgoMs: DAY_MS });
  await insertToken(user.id, { name: "Backup script" });
  await signInByApi(page.request, user);
  await page.goto("/settings/tokens");
  await expectNames(page, ["Backup script"]);
  await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);

  await tabs(page).getByRole("link", { name: /^Revoked/ }).click();
  await expect(page.getByRole("rowheader")).toHaveCount(50);
  await expect(page.getByTestId("token-count")).toHaveText("Showing 1–50 of 55 tokens");
  // Newest first: the last one inserted leads.
  await expect(page.getByRole("rowheader").first()).toContainText("Rotated 55");
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL("/settings/tokens?status=revoked&page=2");
  await expectNames(page, ["Rotated 05", "Rotated 04", "Rotated 03", "Rotated 02", "Rotated 01"]);
  await expect(page.getByTestId("token-count")).toHaveText("Showing 51–55 of 55 tokens");
  // A page past the end is the last one, and the admin's page of the same user pages alike.
  await signedInAs(page, "ADMIN");
  await page.goto(`/admin/users/${user.id}/tokens?status=all&page=99`);
  await expect(page.getByTestId("token-count")).toHaveText("Showing 51–56 of 56 tokens");
});

test("each status says itself once, with its when", async ({ page }) => {
  const user = await createUser("STANDARD");
  await tokensOfEveryStatus(user.id);
  await signInByApi(page.request, user);
  await page.goto("/settings/tokens?status=all");
  const text = async (name: string) => (await row(page, name).innerText()).replace(/\s+/g, " ");

  const revoked = await text("Lost laptop");
  expect(revoked.match(/revoked/gi)).toHaveLength(1);
  expect(revoked).toMatch(/Revoked 2 days ago/);
  expect(revoked).not.toMatch(/Expires|in \d/);
  expect(await text("Last year's job")).toMatch(/Expired 3 days ago/);
  expect(await text("Old sync")).toMatch(/Valid until \d{1,2} \w{3}, \d\d:\d\d UTC \(rotated\)/);
  expect(await text("Backup script")).toMatch(/Active Expires in (2 mo\.|\d+ days)/);
  // A revoked or expired row offers nothing to do to it.
  await expect(row(page, "Lost laptop").getByRole("button")).toHaveCount(0);
  await expect(row(page, "Last year's job").getByRole("button")).toHaveCount(0);
});

test("'soon' only inside the reminder window, and a device token its script renews has a note instead", async ({ page }) => {
  const user = await createUser("STANDARD");
  const device = await createDevice(user.id, "Simulated porch");
  await insertToken(user.id, { name: "Monthly report", expiresInMs: 20 * DAY_MS });
  await insertToken(user.id, { name: "Quarterly report", expiresInMs: 45 * DAY_MS });
  // As the simulator issues them: by no person, for a day, and again each time it starts.
  await insertToken(user.id, { name: "Simulator", kind: "DEVICE", deviceId: device.id, createdById: null, expiresInMs: 20 * HOUR_MS });
  await signInByApi(page.request, user);
  await page.goto("/settings/tokens");

  const soon = (name: string): Locator => row(page, name).getByText("soon", { exact: true });
  await expect(soon("Monthly report")).toBeVisible();
  await expect(soon("Quarterly report")).toHaveCount(0);
  await expect(soon("Simulator")).toHaveCount(0);
  await expect(row(page, "Simulator")).toContainText("Renewed by its script");
  await expect(row(page, "Monthly report")).not.toContainText("Renewed");
});

test("last use shows the address when known, and says why when not", async ({ page }) => {
  const user = await createUser("STANDARD");
  await insertToken(user.id, { name: "Behind the proxy", lastUsedAgoMs: 5 * 60_000, lastUsedIp: "203.0.113.9" });
  await insertToken(user.id, { name: "No address", lastUsedAgoMs: 5 * 60_000 });
  await insertToken(user.id, { name: "Never used" });
  await signInByApi(page.request, user);
  await page.goto("/settings/tokens");
  await expect(row(page, "Behind the proxy")).toContainText("from 203.0.113.9");
  // The suite's server trusts no proxy (TRUSTED_PROXY_HOPS=0), so it records no address.
  await expect(row(page, "No address")).toContainText("address not recorded: not behind a trusted proxy");
  await expect(row(page, "Never used")).toContainText("never");
  await expect(row(page, "Never used")).not.toContainText("address not recorded");
});

test("both token pages link to the API docs", async ({ page }) => {
  const user = await signedInAs(page, "ADMIN");
  for (const path of ["/settings/tokens", `/admin/users/${user.id}/tokens`]) {
    await page.goto(path);
    await expect(page.getByRole("link", { name: "How to use a token: API docs" })).toHaveAttribute("href", "/docs/api");
  }
});

test("a person with no device is not offered a device token that would be refused, and is told why", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  await page.goto("/settings/tokens");
  const create = page.getByRole("region", { name: "Create a token" });
  const device = create.getByRole("radio", { name: /^Device/ });
  await expect(device).toBeDisabled();
  await expect(device).toHaveAccessibleDescription("No device to issue one for yet: add a device first.");
  await createDevice(user.id, "New probe");
  await page.reload();
  await expect(device).toBeEnabled();
});
