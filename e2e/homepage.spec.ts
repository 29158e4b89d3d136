// The homepage's fleet summary, search, status filter and sort, kept in the URL.
import { createDevice, expect, signedInAs, test } from "./fixtures";

test("the homepage summarises the fleet and searches, filters and sorts it", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  await createDevice(user.id, "Porch light", { location: "Front door" });
  await createDevice(user.id, "Attic fan");
  await createDevice(user.id, "Cellar pump", { enabled: false, location: "Basement" });
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

test("the tiles do not prefetch their device pages, and a click still opens one in the app", async ({ page }) => {
  // A visible tile's link would fetch its (dynamic) device page ahead, and again after each live
  // refresh: dozens of server renders a minute for one open homepage, for pages seldom opened.
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Garage sensor");
  const prefetched: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"] && new URL(request.url()).pathname.startsWith("/devices/")) prefetched.push(request.url());
  });
  await page.goto("/");
  const link = page.getByRole("list", { name: "Devices" }).getByRole("link", { name: "Garage sensor" });
  await link.hover();
  // Past a live refresh (every 2 s on the e2e server), which renders the tiles again, and a moment
  // for the router's idle-time prefetching after it.
  await page.waitForResponse((response) => response.request().headers()["rsc"] === "1" && new URL(response.url()).pathname === "/");
  await page.waitForTimeout(1_000);
  expect(prefetched).toEqual([]);

  await link.click();
  await expect(page).toHaveURL(`/devices/${device.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Garage sensor" })).toBeVisible();
});
