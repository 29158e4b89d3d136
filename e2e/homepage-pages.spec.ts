// The homepage shows one page of tiles at a time; search, filter and sort still cover every device.
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { createDevice, createUser, expect, signedInAs, test } from "./fixtures";

/** 60 devices named so that sorting by name puts 01–48 on page 1 and 49–60 on page 2. */
async function createShelf(ownerId: string) {
  const tag = crypto.randomUUID().slice(0, 8);
  const name = (n: number) => `Shelf ${tag} ${String(n).padStart(2, "0")}`;
  for (let n = 1; n <= 60; n++) await createDevice(ownerId, name(n), { location: n === 55 ? "Loft hatch" : "Store room" });
  return { tag, name };
}

test("the homepage pages through 60 devices 48 at a time, and searches all of them", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  const shelf = await createShelf(user.id);
  await page.goto("/");
  const list = page.getByRole("list", { name: "Devices" });
  const count = page.getByTestId("device-count");
  const pager = page.getByRole("navigation", { name: "Pages" });
  await expect(list.getByRole("listitem")).toHaveCount(48);
  await expect(count).toHaveText("Showing 1–48 of 60 devices");
  await expect(pager).toContainText("Page 1 of 2");
  // The fleet summary still counts every device, not just the page.
  await expect(page.getByRole("definition").filter({ hasText: /of 60$/ }).first()).toBeVisible();
  await expect(list.getByRole("link", { name: shelf.name(55) })).toHaveCount(0);

  await pager.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(list.getByRole("listitem")).toHaveCount(12);
  await expect(count).toHaveText("Showing 49–60 of 60 devices");
  await expect(pager).toContainText("Page 2 of 2");
  await expect(list.getByRole("link", { name: shelf.name(55) })).toBeVisible();
  await expect(pager.getByRole("link", { name: "Next page" })).toHaveCount(0);
  await pager.getByRole("link", { name: "Previous page" }).click();
  await expect(count).toHaveText("Showing 1–48 of 60 devices");

  // A search from page 2 starts again at page 1 and finds a device that was only on page 2.
  await page.goto("/?page=2");
  const search = page.getByRole("search", { name: "Devices" });
  await search.getByLabel("Search").fill("loft");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=loft/);
  expect(new URL(page.url()).searchParams.get("page")).toBeNull();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("link", { name: shelf.name(55) })).toBeVisible();
  await expect(count).toHaveText("Showing 1 of 1 matching, 60 in all");
  await expect(pager).toHaveCount(0);
});

test("the pager keeps the sort, and a bad page number shows the first or last page", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  const shelf = await createShelf(user.id);
  const list = page.getByRole("list", { name: "Devices" });
  const count = page.getByTestId("device-count");

  await page.goto("/?sort=last-seen&status=online");
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({ sort: "last-seen", status: "online", page: "2" });
  await expect(page.getByRole("search").getByLabel("Sort by")).toHaveValue("last-seen");
  await expect(list.getByRole("listitem")).toHaveCount(12);

  for (const [path, text] of [
    ["/?page=99", "Showing 49–60 of 60 devices"],
    ["/?page=999999999", "Showing 49–60 of 60 devices"],
    ["/?page=0", "Showing 1–48 of 60 devices"],
    ["/?page=-3", "Showing 1–48 of 60 devices"],
    [`/?page=${"x".repeat(3000)}`, "Showing 1–48 of 60 devices"],
    ["/?page=1.5&page=2", "Showing 1–48 of 60 devices"],
  ] as const) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await expect(count, path).toHaveText(text);
  }
  await expect(list.getByRole("link", { name: shelf.name(1) })).toBeVisible();
});

test("the pager fits a 390 px screen without sideways scrolling, and axe finds nothing serious", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const user = await signedInAs(page, "STANDARD");
  await createShelf(user.id);
  await page.goto("/?page=2");
  const pager = page.getByRole("navigation", { name: "Pages" });
  await expect(pager.getByRole("link", { name: "Previous page" })).toBeVisible();
  const overflow = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(overflow.scrollWidth, JSON.stringify(overflow)).toBeLessThanOrEqual(overflow.clientWidth);
  const { violations } = await new AxeBuilder({ page }).include('nav[aria-label="Pages"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("an admin's homepage pages through every user's devices and finds one by search", async ({ page }) => {
  const other = await createUser("STANDARD");
  const shelf = await createShelf(other.id);
  await signedInAs(page, "ADMIN");
  await page.goto("/");
  const list = page.getByRole("list", { name: "Devices" });
  // Tiles, not list items: the demo seed's tiles hold lists of their own (open alerts).
  await expect(list.getByTestId("device-card")).toHaveCount(48);
  await expect(page.getByTestId("device-count")).toHaveText(/of [\d,]+ devices$/);
  const text = (await page.getByTestId("device-count").textContent()) ?? "";
  const all = Number(/of ([\d,]+) devices$/.exec(text)?.[1]?.replace(/,/g, ""));
  // The demo seed's 25 and this test's 60, at least.
  expect(all, text).toBeGreaterThanOrEqual(85);
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(`Page 1 of ${Math.ceil(all / 48)}`);

  await page.goto(`/?q=${encodeURIComponent(shelf.tag)}&page=2`);
  await expect(list.getByTestId("device-card")).toHaveCount(12);
  await expect(list.getByRole("link", { name: shelf.name(60) })).toBeVisible();
  await expect(page.getByTestId("device-count")).toHaveText(new RegExp(`^Showing 49–60 of 60 matching, [\\d,]+ in all$`));
});
