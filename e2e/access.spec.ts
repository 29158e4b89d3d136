// Who sees what: owner filtering, admin-only sections, 404s that reveal nothing.
import { createDevice, createUser, expect, setDisabled, signInByApi, signedInAs, test } from "./fixtures";

test("a signed-out visitor is sent to the sign-in page", async ({ page }) => {
  for (const path of ["/", "/admin/users", "/devices/anything"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
});

test("a standard user sees only their own devices", async ({ page }) => {
  const other = await createUser("STANDARD");
  const theirs = await createDevice(other.id);
  const user = await signedInAs(page, "STANDARD");
  const mine = [await createDevice(user.id), await createDevice(user.id)];
  await page.goto("/");
  const list = page.getByRole("list", { name: "Devices" });
  for (const device of mine) await expect(list.getByRole("link", { name: device.name })).toBeVisible();
  await expect(list.getByRole("link", { name: theirs.name })).toHaveCount(0);
  await expect(list.getByRole("listitem")).toHaveCount(2);
});

test("another user's device answers 404 and names nothing", async ({ page }) => {
  const other = await createUser("STANDARD");
  const theirs = await createDevice(other.id, "Secret shed sensor");
  await signedInAs(page, "STANDARD");
  const response = await page.goto(`/devices/${theirs.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Secret shed sensor")).toHaveCount(0);
});

test("an admin sees every device, including the demo seed's 25", async ({ page }) => {
  const other = await createUser("STANDARD");
  const theirs = await createDevice(other.id);
  await signedInAs(page, "ADMIN");
  await page.goto("/");
  // The homepage shows one page of tiles: the count line covers them all, and a search finds any.
  await expect(page.getByTestId("device-count")).toHaveText(/of [\d,]+ devices$/);
  const text = (await page.getByTestId("device-count").textContent()) ?? "";
  expect(Number(/of ([\d,]+) devices$/.exec(text)?.[1]?.replace(/,/g, "")), text).toBeGreaterThanOrEqual(26);
  await page.goto(`/?q=${encodeURIComponent(theirs.name)}`);
  const list = page.getByRole("list", { name: "Devices" });
  await expect(list.getByRole("link", { name: theirs.name })).toBeVisible();
  await page.getByRole("link", { name: theirs.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: theirs.name })).toBeVisible();
});

test("an admin page redirects a standard user to the homepage", async ({ page }) => {
  await signedInAs(page, "STANDARD");
  for (const path of ["/admin", "/admin/users"]) {
    await page.goto(path);
    await expect(page).toHaveURL("/");
  }
});

test("an admin sees the users list", async ({ page }) => {
  const other = await createUser("STANDARD");
  await signedInAs(page, "ADMIN");
  await page.goto("/admin/users");
  await expect(page.getByTestId("user-count")).toHaveText(/^Showing 1–\d+ of [\d,]+ users$/);
  await page.goto(`/admin/users?q=${encodeURIComponent(other.email)}`);
  await expect(page.getByRole("row", { name: new RegExp(other.email) })).toBeVisible();
});

test("a user with no devices sees the empty state", async ({ page }) => {
  await signedInAs(page, "STANDARD");
  await page.goto("/");
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("disabling a signed-in user ends their access at once", async ({ page }) => {
  const user = await createUser("STANDARD");
  await signInByApi(page.request, user);
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await setDisabled(user.id, true);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("an unknown page shows the 404 page without internals", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect(await page.content()).not.toMatch(/node_modules|\.tsx?:\d+|stack/i);
});
