// Renaming, disabling and deleting a device from its page, all through the device API.
import { createDevice, expect, signedInAs, test } from "./fixtures";

test("a device's owner renames, disables, enables and deletes it from its page", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Hallway sensor");
  await page.goto(`/devices/${device.id}`);
  const manage = page.getByRole("region", { name: "Manage" });

  await manage.getByLabel("Name").fill("   ");
  await manage.getByRole("button", { name: "Rename" }).click();
  await expect(manage.locator("#device-name-error")).toHaveText("Enter a name");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hallway sensor");

  await manage.getByLabel("Name").fill("Landing sensor");
  await manage.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Landing sensor");

  await manage.getByRole("button", { name: "Disable device" }).click();
  await expect(page.getByText("Disabled", { exact: true }).first()).toBeVisible();
  await manage.getByRole("button", { name: "Enable device" }).click();
  await expect(manage.getByRole("button", { name: "Disable device" })).toBeVisible();

  await manage.getByRole("button", { name: "Delete device" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete device" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("link", { name: "Landing sensor" })).toHaveCount(0);
  const gone = await page.goto(`/devices/${device.id}`);
  expect(gone?.status()).toBe(404);
});
