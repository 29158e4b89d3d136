// Usage analytics in the browser: the admin's usage page and a token's usage page, who may see them,
// and the page at a phone's width. Tokens and their counts are written to the database directly, as
// the counters' flush would write them.
import crypto from "node:crypto";
import { query } from "./db";
import { createUser, expect, signedInAs, test } from "./fixtures";
import { DAY_MS, MINUTE_MS } from "../lib/time";

/** A personal token of the owner's with `requests` GET /devices calls (a tenth of them errors) ten minutes ago, from one network. */
async function tokenWithUsage(ownerId: string, requests: number): Promise<{ id: string; name: string }> {
  const id = crypto.randomUUID();
  const name = `Usage script ${id.slice(0, 8)}`;
  const now = Date.now();
  const minute = new Date(Math.floor((now - 10 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
  await query(
    'INSERT INTO "ApiToken" ("id","userId","kind","name","scopes","hash","prefix","last4","createdAt","expiresAt","lastUsedAt","lastUsedIp") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)',
    [id, ownerId, "PERSONAL", name, "devices:read telemetry:read", crypto.randomBytes(32).toString("hex"), "gth_pat_", "ab12", new Date(now - DAY_MS), new Date(now + 30 * DAY_MS), minute, "203.0.113.77"],
  );
  const usage = 'INSERT INTO "TokenUsage" ("tokenId","minute","route","userId","requests","errors") VALUES (?,?,?,?,?,?)';
  await query(usage, [id, minute, "GET /devices", ownerId, requests, Math.floor(requests / 10)]);
  await query(usage, [id, minute, "GET /devices/{deviceId}/telemetry", ownerId, 3, 0]);
  await query('INSERT INTO "TokenNetwork" ("tokenId","network","firstSeenAt","lastSeenAt") VALUES (?,?,?,?)', [id, "203.0.113.0/24", minute, minute]);
  return { id, name };
}

test("an admin sees usage across tokens, users and routes, and opens a token's usage", async ({ page }) => {
  const owner = await createUser("STANDARD");
  const token = await tokenWithUsage(owner.id, 900_000);
  await signedInAs(page, "ADMIN");
  const response = await page.goto("/admin/usage");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expect(page.getByRole("link", { name: "24 h" })).toHaveAttribute("aria-current", "page");
  // So many requests that the token, its owner and its route lead their tables.
  const top = page.getByTestId("top-tokens").getByRole("row").nth(1);
  await expect(top).toContainText(token.name);
  await expect(top).toContainText(owner.name);
  await expect(top).toContainText("900,003");
  await expect(page.getByTestId("usage-users").getByRole("row").nth(1)).toContainText(owner.name);
  await expect(page.getByTestId("usage-routes").getByRole("row").nth(1)).toContainText("GET /devices");
  await expect(page.getByTestId("usage-chart").locator("svg.recharts-surface")).toBeVisible();

  // One user's requests over time.
  await page.getByTestId("usage-users").getByRole("link", { name: `Requests of ${owner.name} over time` }).click();
  await expect(page.getByTestId("usage-filter")).toContainText(`Requests of ${owner.name}`);
  await expect(page.getByTestId("total-requests")).toHaveText("900,003");
  await expect(page.getByTestId("total-errors")).toHaveText("90,000");
  await page.getByRole("link", { name: "7 d" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByTestId("usage-filter")).toBeVisible();

  await page.getByTestId("top-tokens").getByRole("link", { name: token.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: token.name })).toBeVisible();
  await expect(page.getByText(`owned by ${owner.name}`)).toBeVisible();
  await expect(page.getByTestId("error-rate")).toHaveText("10%");
  await expect(page.getByTestId("token-routes")).toContainText("GET /devices/{deviceId}/telemetry");
  await expect(page.getByTestId("token-networks")).toContainText("203.0.113.0/24");
  await expect(page.getByText("from 203.0.113.77")).toBeVisible();
});

test("the owner opens their own token's usage from their tokens page", async ({ page }) => {
  const owner = await signedInAs(page, "STANDARD");
  const token = await tokenWithUsage(owner.id, 40);
  await page.goto("/settings/tokens");
  await page.getByRole("link", { name: token.name }).click();
  await expect(page).toHaveURL(`/tokens/${token.id}`);
  await expect(page.getByRole("heading", { level: 1, name: token.name })).toBeVisible();
  await expect(page.getByTestId("total-requests")).toHaveText("43");
  await expect(page.getByText("owned by")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Your tokens" })).toBeVisible();
});

test("a standard user gets 404 for another user's token and is sent away from the usage page", async ({ page }) => {
  const other = await createUser("STANDARD");
  const theirs = await tokenWithUsage(other.id, 10);
  await signedInAs(page, "STANDARD");
  for (const path of [`/tokens/${theirs.id}`, `/tokens/${theirs.id}?range=7d`, "/tokens/no-such-token"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    expect(await page.content()).not.toContain(theirs.name);
  }
  await page.goto("/admin/usage");
  await expect(page).toHaveURL("/");
});

test("the usage page fits a phone's width and takes any range parameter", async ({ page }) => {
  const owner = await createUser("STANDARD");
  await tokenWithUsage(owner.id, 25);
  await page.setViewportSize({ width: 390, height: 844 });
  await signedInAs(page, "ADMIN");
  for (const path of ["/admin/usage", "/admin/usage?range=30d", "/admin/usage?range=%3Cscript%3E&user=x'--&route=nope"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  await expect(page.getByRole("link", { name: "24 h" })).toHaveAttribute("aria-current", "page");
});
