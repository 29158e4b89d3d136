// Token hygiene in the browser: the admin home's posture cards and the advisor's "narrow" remedy,
// a person's notifications, and the admin home closed to a standard user. Tokens, usage and the
// reminder's notification are written to the database directly, as the hygiene job would.
import crypto from "node:crypto";
import { DAY_MS } from "../lib/time";
import { query, queryOne } from "./db";
import { createUser, expect, signedInAs, signInByApi, test } from "./fixtures";

/** A personal token row: no real token behind it, which these tests never present. */
async function insertToken(userId: string, name: string, options: { scopes: string; createdAt: number; expiresAt: number }): Promise<string> {
  const id = crypto.randomUUID();
  await query('INSERT INTO "ApiToken" ("id","userId","kind","name","scopes","hash","prefix","last4","createdAt","expiresAt") VALUES (?,?,\'PERSONAL\',?,?,?,?,?,?,?)', [
    id,
    userId,
    name,
    options.scopes,
    crypto.randomBytes(32).toString("hex"),
    "gth_pat_",
    "abcd",
    new Date(options.createdAt),
    new Date(options.expiresAt),
  ]);
  return id;
}

test("the admin home shows the posture and narrows a token to the scopes it used", async ({ page }) => {
  const owner = await createUser("STANDARD");
  const tag = crypto.randomUUID().slice(0, 6);
  const now = Date.now();
  await insertToken(owner.id, `Expiring ${tag}`, { scopes: "devices:read", createdAt: now - DAY_MS, expiresAt: now + 3 * DAY_MS });
  const wide = await insertToken(owner.id, `Wide ${tag}`, { scopes: "devices:read telemetry:read", createdAt: now - 40 * DAY_MS, expiresAt: now + 50 * DAY_MS });
  const minute = Math.floor((now - DAY_MS) / 60_000) * 60_000;
  await query('INSERT INTO "TokenUsage" ("tokenId","minute","route","userId","requests","errors") VALUES (?,?,?,?,?,?)', [wide, new Date(minute), "GET /devices", owner.id, 4, 0]);

  await signedInAs(page, "ADMIN");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  const cards = page.getByRole("list", { name: "Security posture" });
  for (const label of ["Expiring within 7 days", "Expiring within 30 days", "Idle", "Over-privileged", "Unacknowledged alerts"]) {
    await expect(cards.getByRole("link", { name: new RegExp(label) })).toBeVisible();
  }
  await expect(cards.getByRole("link", { name: /Unacknowledged alerts/ })).toHaveAttribute("href", "/admin/alerts");
  expect(Number(await cards.getByRole("link", { name: /Expiring within 7 days/ }).locator("span").first().textContent())).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("region", { name: "Expiring within 30 days" })).toContainText(`Expiring ${tag}`);
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const advice = page.getByRole("region", { name: "Over-privileged" }).getByRole("listitem").filter({ hasText: `Wide ${tag}` });
  await expect(advice).toContainText("telemetry:read");
  await advice.getByRole("button", { name: `Narrow Wide ${tag} to the scopes it used` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("loses telemetry:read");
  await dialog.getByRole("button", { name: "Narrow token" }).click();
  await expect(page.getByRole("region", { name: "Over-privileged" })).not.toContainText(`Wide ${tag}`);
  expect(await queryOne('SELECT "scopes" FROM "ApiToken" WHERE "id" = ?', [wide])).toEqual({ scopes: "devices:read" });
});

test("a person sees the reminder for a token about to expire, and marks it read", async ({ page }) => {
  const user = await createUser("STANDARD");
  const tokenId = await insertToken(user.id, "Nightly backup", { scopes: "devices:read", createdAt: Date.now() - 80 * DAY_MS, expiresAt: Date.now() + 5 * DAY_MS });
  // What the hygiene job's reminder writes (lib/monitor/reminders.ts).
  await query('INSERT INTO "Notification" ("id","userId","key","kind","title","body","link","createdAt") VALUES (?,?,?,?,?,?,?,?)', [
    crypto.randomUUID(),
    user.id,
    `expiry:7:${tokenId}`,
    "token.expiring",
    "Token “Nightly backup” expires in 5 days",
    "Issue a new one.",
    "/settings/tokens",
    new Date(),
  ]);
  await signInByApi(page.request, user);
  await page.goto("/notifications");
  const item = page.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: "Nightly backup" });
  await expect(item.getByText("new", { exact: true })).toBeVisible();
  await expect(item.getByRole("link", { name: "Token “Nightly backup” expires in 5 days" })).toHaveAttribute("href", "/settings/tokens");
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByText("Marked 1 read.")).toBeVisible();
  await expect(item.getByText("new", { exact: true })).toHaveCount(0);
});

test("a person is told about their own unused token on Settings → Tokens, and revokes it there", async ({ page }) => {
  const user = await createUser("STANDARD");
  const now = Date.now();
  const unused = await insertToken(user.id, "Forgotten script", { scopes: "devices:read", createdAt: now - 45 * DAY_MS, expiresAt: now + 40 * DAY_MS });
  await insertToken(user.id, "Brand new script", { scopes: "devices:read", createdAt: now - DAY_MS, expiresAt: now + 80 * DAY_MS });
  await signInByApi(page.request, user);
  await page.goto("/settings/tokens");
  const notice = page.getByRole("region", { name: "Scopes your tokens do not use" });
  await expect(notice).toContainText("Too new to judge: “Brand new script”");
  await notice.getByRole("button", { name: "Revoke the unused token Forgotten script" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(notice).toBeHidden();
  expect(await queryOne('SELECT "revokedReason" FROM "ApiToken" WHERE "id" = ?', [unused])).toEqual({ revokedReason: "unused" });
});

test("a standard user cannot reach the admin home", async ({ page }) => {
  await signedInAs(page, "STANDARD");
  await page.goto("/admin");
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { name: "Over-privileged" })).toHaveCount(0);
});
