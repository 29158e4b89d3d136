// Every page issue 11 added, walked as each role on a desktop and at 390 px: admins get each one
// whole, with no sideways scroll; a Standard user reaches none of the admin ones, and learns nothing
// from trying. The leak scanner (fixtures.ts) reads every response of every test here.
import { createUser, expect, signedInAs, test } from "./fixtures";
import type { Page } from "@playwright/test";

const ADMIN_PAGES = ["/admin", "/admin/users", "/admin/policies", "/admin/audit", "/admin/usage", "/admin/alerts"];
const PERSONAL_PAGES = ["/notifications", "/settings/password", "/settings/tokens"];
const ADMIN_ENDPOINTS = ["/admin/audit/export?format=csv", "/admin/audit/export?format=ndjson"];

async function expectNoSidewaysScroll(page: Page, path: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`an admin opens every admin and personal page on a ${viewport.name}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    await signedInAs(page, "ADMIN");
    for (const path of [...ADMIN_PAGES, ...PERSONAL_PAGES]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page, path);
    }
    // The admin area's own navigation reaches each section.
    await page.goto("/admin");
    const nav = page.getByRole("navigation", { name: "Admin" });
    for (const name of ["Users", "Policies", "Audit log", "Usage", "Alerts"]) await expect(nav.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
  });
}

test("a Standard user reaches none of the admin pages, exports or routes, and sees no admin link", async ({ page }) => {
  await createUser("ADMIN");
  await signedInAs(page, "STANDARD");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Admin/ })).toHaveCount(0);
  for (const path of ADMIN_PAGES) {
    await page.goto(path);
    await expect(page, path).toHaveURL("/");
  }
  for (const path of ADMIN_ENDPOINTS) {
    const response = await page.request.get(path);
    expect([403, 404], path).toContain(response.status());
    const body = await response.text();
    expect(body, path).not.toMatch(/user\.signed_in|token\.issued|"hash"/);
  }
  for (const path of PERSONAL_PAGES) expect((await page.goto(path))?.status(), path).toBe(200);
});

test("a signed-out visitor is sent to sign in from every new page", async ({ page }) => {
  for (const path of [...ADMIN_PAGES, ...PERSONAL_PAGES]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login/);
  }
  for (const path of ADMIN_ENDPOINTS) expect([401, 403, 404], path).toContain((await page.request.get(path)).status());
});
