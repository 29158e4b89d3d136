// Token management in the browser: issue, reveal once, rotate with grace, revoke; a person's own
// tokens in settings; a role downgrade and a disabled user taking effect on tokens at once.
import type { APIRequestContext, Page } from "@playwright/test";
import { createUser, expect, signedInAs, test } from "./fixtures";

/** The device API as a script calls it: a plain HTTP client with no session cookie. */
const me = (request: APIRequestContext, token: string) => request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });

/** What the table shows of a token: its prefix and last four characters. */
const hint = (token: string) => `${token.slice(0, 8)}…${token.slice(-4)}`;

/** Reads the token from the reveal-once dialog and closes it. */
async function takeRevealedToken(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("You will not see this token again");
  const token = await dialog.getByLabel("Token", { exact: true }).inputValue();
  expect(token).toMatch(/^gth_pat_[0-9A-Za-z]{36}$/);
  await dialog.getByRole("button", { name: /close/ }).click();
  await expect(dialog).toBeHidden();
  return token;
}

async function issuePersonalToken(page: Page, section: string, name: string, scopes: string[], submit: string): Promise<string> {
  const form = page.getByRole("region", { name: section });
  await form.getByLabel("Personal").check();
  await form.getByLabel("Name", { exact: true }).fill(name);
  for (const scope of scopes) await form.getByLabel(scope, { exact: true }).check();
  await form.getByRole("button", { name: submit }).click();
  return takeRevealedToken(page);
}

test("an admin issues, rotates and revokes a user's personal token, each shown once", async ({ page, request }) => {
  const user = await createUser("STANDARD");
  await signedInAs(page, "ADMIN");
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await page.getByRole("link", { name: `Tokens of ${user.name}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Tokens of ${user.name}` })).toBeVisible();

  // (a) Issued, shown once, works from a plain HTTP client, and is gone from the page afterwards.
  const token = await issuePersonalToken(page, "Issue a token", "Backup script", ["devices:read", "telemetry:read"], "Issue token");
  const response = await me(request, token);
  expect(response.status()).toBe(200);
  expect(((await response.json()) as { user: { email: string } }).user.email).toBe(user.email);
  expect(await page.content()).not.toContain(token);
  await page.reload();
  const first = page.getByRole("row").filter({ hasText: hint(token) });
  await expect(first).toContainText("Backup script");
  await expect(first).toContainText("Active");
  expect(await page.content()).not.toContain(token);

  // (b) Rotated with an hour's grace: the successor is shown once, and both work.
  await first.getByLabel(/Grace period/).selectOption("1");
  await first.getByRole("button", { name: "Rotate Backup script" }).click();
  const next = await takeRevealedToken(page);
  expect(next).not.toBe(token);
  expect((await me(request, token)).status()).toBe(200);
  expect((await me(request, next)).status()).toBe(200);
  await expect(first).toContainText("Grace");
  const second = page.getByRole("row").filter({ hasText: hint(next) });
  await expect(second).toContainText("Active");

  // (c) The successor revoked, after a confirmation: it answers 401 at once.
  await second.getByRole("button", { name: "Revoke Backup script" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(second.getByText("Revoked", { exact: true })).toBeVisible();
  expect((await me(request, next)).status()).toBe(401);
  await page.reload();
  expect(await page.content()).not.toContain(next);

  // At 360 px the tables scroll inside their regions; the page itself never does.
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of [page.url(), "/admin/users"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
});

test("a standard user creates their own personal token and cannot reach admin pages", async ({ page, request }) => {
  const user = await signedInAs(page, "STANDARD");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tokens" }).click();
  await expect(page).toHaveURL("/settings/tokens");
  // Visiting the dashboard gave them a server-held dashboard token: listed by its hint, never shown.
  await expect(page.getByRole("row").filter({ hasText: "gth_dsh_…" })).toContainText("Dashboard");

  const create = page.getByRole("region", { name: "Create a token" });
  await expect(create.getByLabel("Dashboard")).toHaveCount(0);
  await expect(create.getByLabel("users:admin")).toHaveCount(0);
  const token = await issuePersonalToken(page, "Create a token", "My script", ["devices:read"], "Create token");
  const response = await me(request, token);
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ user: { email: user.email }, token: { kind: "PERSONAL", scopes: ["devices:read"] } });
  await expect(page.getByRole("row").filter({ hasText: hint(token) })).toContainText("My script");
  // At 360 px only the table scrolls, never the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  for (const path of ["/admin/users", `/admin/users/${user.id}/tokens`]) {
    await page.goto(path);
    await expect(page).toHaveURL("/");
  }
});

test("a role downgrade narrows a token at once, and disabling the user ends it", async ({ page, request }) => {
  const target = await createUser("ADMIN");
  const admin = await signedInAs(page, "ADMIN");
  await page.goto(`/admin/users/${target.id}/tokens`);
  const token = await issuePersonalToken(page, "Issue a token", "Admin script", ["devices:read", "users:admin"], "Issue token");
  const scopes = async () => ((await (await me(request, token)).json()) as { token: { scopes: string[] } }).token.scopes;
  expect(await scopes()).toEqual(["devices:read", "users:admin"]);

  await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
  // An admin cannot demote themself: the form is not offered, and says why (e2e/people-phone.spec.ts).
  const own = page.getByRole("row", { name: new RegExp(admin.email) });
  await expect(own.getByRole("button", { name: `Save role for ${admin.name}` })).toBeDisabled();
  await expect(own).toContainText("You cannot remove your own admin role");

  await page.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
  const row = page.getByRole("row", { name: new RegExp(target.email) });
  await row.getByLabel(`Role for ${target.name}`, { exact: true }).selectOption("STANDARD");
  await row.getByRole("button", { name: `Save role for ${target.name}` }).click();
  await expect(row).toContainText("Role changed to Standard. 1 token narrowed, 0 tokens revoked.");
  expect(await scopes()).toEqual(["devices:read"]);

  await row.getByRole("button", { name: `Disable ${target.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable and revoke tokens" }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  expect((await me(request, token)).status()).toBe(401);
});
