// The dashboard's own server-held token: revoked by an admin in the UI, the user's next page load
// shows "access revoked" (and no device data); a newly issued one brings the dashboard back.
import { createDevice, createUser, expect, signInByApi, signedInAs, test } from "./fixtures";

test("a revoked dashboard token shows the revoked state until an admin issues a new one", async ({ page, browser }) => {
  const user = await createUser("STANDARD");
  const device = await createDevice(user.id, "Porch thermometer");
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signInByApi(userPage.request, user);
  await userPage.goto("/");
  await expect(userPage.getByRole("link", { name: device.name })).toBeVisible();

  await signedInAs(page, "ADMIN");
  await page.goto(`/admin/users?q=${encodeURIComponent(user.email)}`);
  await page.getByRole("link", { name: `Tokens of ${user.name}` }).click();
  const row = page.getByRole("row").filter({ hasText: "gth_dsh_…" });
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Revoke Dashboard" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();

  await userPage.reload();
  await expect(userPage.getByTestId("access-revoked")).toBeVisible();
  await expect(userPage.getByRole("link", { name: device.name })).toHaveCount(0);
  await userPage.goto(`/devices/${device.id}`);
  await expect(userPage.getByTestId("access-revoked")).toBeVisible();
  await expect(userPage.getByText(device.name)).toHaveCount(0);
  // Not silently replaced: another load is still revoked.
  await userPage.reload();
  await expect(userPage.getByTestId("access-revoked")).toBeVisible();

  const form = page.getByRole("region", { name: "Issue a token" });
  await form.getByLabel("Dashboard").check();
  await form.getByLabel("Name", { exact: true }).fill("Dashboard");
  await form.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("row").filter({ hasText: "gth_dsh_…" }).filter({ hasText: "Active" })).toHaveCount(1);

  await userPage.goto("/");
  await expect(userPage.getByRole("link", { name: device.name })).toBeVisible();
  await userContext.close();
});
