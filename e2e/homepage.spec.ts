// The homepage's fleet summary, search, status filter and sort, kept in the URL.
import { createDevice, expect, signedInAs, test } from "./fixtures";

test("the homepage summarises the fleet and searches, filters and sorts it", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  createDevice(user.id, "Porch light", { location: "Front door" });
  createDevice(user.id, "Attic fan");
  createDevice(user.id, "Cellar pump", { enabled: false, location: "Basement" });
  await page.goto("/");
  const summary = page.getByRole("definition").filter({ hasText: /of 3$/ });
  await expect(summary).toHaveText("2 of 3");
  const list = page.getByRole("list", { name: "Devices" });
  await expect(list.getByRole("listitem")).toHaveCount(3);

  const search = page.getByRole("search", { name: "Devices" });
  await search.getByLabel("Search").fill("front");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=front/);
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("link", { name: "Porch light" })).toBeVisible();

  await page.goto("/?status=disabled");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("link", { name: "Cellar pump" })).toBeVisible();
  await expect(page.getByRole("search").getByLabel("Status")).toHaveValue("disabled");

  await page.goto("/?q=nothing-like-this");
  await expect(page.getByTestId("no-match")).toBeVisible();

  // Hostile or unknown parameters fall back to the defaults instead of failing.
  const response = await page.goto(`/?status=<script>&sort=${"x".repeat(5000)}&q=${"%27%20OR%201=1".repeat(10)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("search").getByLabel("Sort by")).toHaveValue("name");
});
