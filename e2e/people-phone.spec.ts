// The token and user tables on a 390 px phone (issue 14): a card a row, every action on screen and
// clickable, and no sideways scroll of the page or of the table; and an admin's own row, which
// shows the changes Gatehouse would refuse them disabled, with the reason in words.
import type { Locator, Page } from "@playwright/test";
import { createDevice, createUser, expect, signInByApi, signedInAs, test } from "./fixtures";

const PHONE = { width: 390, height: 844 };

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "the page's width").toBeLessThanOrEqual(innerWidth);
}

/** On screen once scrolled to (inside the viewport's width, no sideways scroll needed), and clickable. */
async function expectReachable(control: Locator) {
  await control.scrollIntoViewIfNeeded();
  await expect(control).toBeVisible();
  const box = await control.boundingBox();
  expect(box, "a laid-out control").not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  await control.click({ trial: true });
}

/** The table's region never scrolls sideways either: nothing is hidden behind an unmarked scroll. */
async function expectRegionFits(region: Locator) {
  const { scrollWidth, clientWidth } = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

test("at 390 px a person's tokens are cards, each action on screen; rotating and revoking work there", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  await createDevice(user.id, "Phone-side sensor");
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await page.goto("/settings/tokens");
  const create = page.getByRole("region", { name: "Create a token" });
  await create.getByLabel("Personal").check();
  await create.getByLabel("Name", { exact: true }).fill("Pocket script");
  await create.getByLabel("devices:read", { exact: true }).check();
  await create.getByRole("button", { name: "Create token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /close/ }).click();

  await expectNoSidewaysScroll(page);
  await expectRegionFits(page.getByRole("region", { name: "Your tokens" }));
  const card = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Pocket script", exact: true }) });
  for (const control of [
    card.getByLabel("Grace period for the old token of Pocket script"),
    card.getByRole("button", { name: "Rotate Pocket script" }),
    card.getByRole("button", { name: "Revoke Pocket script" }),
    card.getByRole("link", { name: "Pocket script" }),
  ]) {
    await expectReachable(control);
  }
  const dashboard = page.getByRole("row").filter({ hasText: "gth_dsh_…" });
  await expectReachable(dashboard.getByRole("button", { name: "Revoke Dashboard" }));
  for (const tab of ["Active and expiring", "Revoked", "Expired", "All"]) await expectReachable(page.getByRole("navigation", { name: "Token status" }).getByRole("link", { name: new RegExp(`^${tab}`) }));

  await card.getByRole("button", { name: "Rotate Pocket script" }).click();
  await expect(page.getByRole("dialog")).toContainText("You will not see this token again");
  await page.getByRole("dialog").getByRole("button", { name: /close/ }).click();
  const successorId = await page.getByRole("row").filter({ has: page.getByRole("link", { name: "Pocket script", exact: true }) }).filter({ hasText: "Expires in" }).getAttribute("data-token-id");
  const successor = page.locator(`[data-token-id="${successorId}"]`);
  await successor.getByRole("button", { name: "Revoke Pocket script" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(successor.getByText("Revoked", { exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("at 390 px an admin's view of a user's tokens is cards, with every action on screen", async ({ page }) => {
  const user = await createUser("STANDARD");
  await signInByApi(page.request, user);
  await page.goto("/");
  await signedInAs(page, "ADMIN");
  await page.setViewportSize(PHONE);
  await page.goto(`/admin/users/${user.id}/tokens`);
  await expectNoSidewaysScroll(page);
  await expectRegionFits(page.getByRole("region", { name: `Tokens of ${user.name}` }));
  const dashboard = page.getByRole("row").filter({ hasText: "gth_dsh_…" });
  await expectReachable(dashboard.getByLabel(/Grace period/));
  await expectReachable(dashboard.getByRole("button", { name: "Rotate Dashboard" }));
  await expectReachable(dashboard.getByRole("button", { name: "Revoke Dashboard" }));
  await expectReachable(page.getByRole("button", { name: "Revoke all tokens" }));
});

test("at 390 px the users table is cards, with every action on screen and clickable", async ({ page }) => {
  const target = await createUser("STANDARD");
  await signedInAs(page, "ADMIN");
  await page.setViewportSize(PHONE);
  await page.goto(`/admin/users?q=${encodeURIComponent(target.email)}`);
  await expectNoSidewaysScroll(page);
  await expectRegionFits(page.getByRole("region", { name: "Users" }));
  const card = page.getByRole("row", { name: new RegExp(target.email) });
  for (const control of [
    card.getByLabel(`Role for ${target.name}`, { exact: true }),
    card.getByRole("button", { name: `Save role for ${target.name}` }),
    card.getByRole("button", { name: `Disable ${target.name}` }),
    card.getByRole("button", { name: /New link/ }),
    card.getByRole("link", { name: `Tokens of ${target.name}` }),
  ]) {
    await expectReachable(control);
  }
  await card.getByRole("button", { name: `Disable ${target.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable and revoke tokens" }).click();
  await expect(card.getByText("Disabled", { exact: true })).toBeVisible();
  await expectReachable(card.getByRole("button", { name: `Enable ${target.name}` }));
});

test("an admin is not offered the changes to themselves that would be refused: each is disabled, with the reason", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  const other = await createUser("ADMIN");
  await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
  const own = page.getByRole("row", { name: new RegExp(admin.email) });

  const disable = own.getByRole("button", { name: `Disable ${admin.name}` });
  await expect(disable).toBeDisabled();
  await expect(own.getByText("You cannot disable yourself.")).toBeVisible();
  await expect(disable).toHaveAccessibleDescription("You cannot disable yourself.");

  const role = own.getByLabel(`Role for ${admin.name}`, { exact: true });
  const save = own.getByRole("button", { name: `Save role for ${admin.name}` });
  await expect(role).toBeDisabled();
  await expect(save).toBeDisabled();
  await expect(own.getByText("You cannot remove your own admin role.")).toBeVisible();
  await expect(save).toHaveAccessibleDescription("You cannot remove your own admin role.");

  // Another admin's row offers both.
  await page.goto(`/admin/users?q=${encodeURIComponent(other.email)}`);
  const theirs = page.getByRole("row", { name: new RegExp(other.email) });
  await expect(theirs.getByRole("button", { name: `Disable ${other.name}` })).toBeEnabled();
  await expect(theirs.getByLabel(`Role for ${other.name}`, { exact: true })).toBeEnabled();
});
