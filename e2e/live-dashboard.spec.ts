// The homepage's tiles and the device page's charts, on readings that arrive while they are open.
import { createDevice, expect, signedInAs, test } from "./fixtures";
import { addReadings } from "./readings";
import { MINUTE_MS } from "@/lib/time";

const HOUR = 60 * MINUTE_MS;

test("a tile shows each metric's newest value, a 24-hour sparkline and alerts, and updates itself", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Conservatory");
  const now = Date.now();
  addReadings(user, device.id, [
    ...Array.from({ length: 12 }, (_, i) => ({ metric: "temperature", unit: "°C", time: new Date(now - (12 - i) * HOUR), value: 18 + i / 4 })),
    { metric: "temperature", unit: "°C", time: new Date(now - MINUTE_MS), value: 21.25 },
    { metric: "humidity", unit: "%", time: new Date(now - MINUTE_MS), value: 44 },
  ]);
  await page.goto("/");
  const tile = page.getByTestId("device-card").filter({ has: page.getByRole("link", { name: "Conservatory" }) });
  await expect(tile.getByTestId("reading-temperature")).toHaveText("21.25 °C");
  await expect(tile.getByTestId("reading-humidity")).toHaveText("44 %");
  await expect(tile.getByRole("img", { name: /^Temperature, last 24 hours: from 18 °C to/ })).toBeVisible();
  await expect(tile.getByRole("img", { name: /^Temperature/ }).locator("path")).toHaveAttribute("d", /^M.+L.+L/);
  await expect(tile.getByText(/alert/)).toHaveCount(0);
  await expect(page.getByTestId("live-updates")).toContainText("Updated");

  // A reading over the thermostat's bound arrives: the tile shows it and its alert, without a reload.
  await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));
  addReadings(user, device.id, [{ metric: "temperature", unit: "°C", time: new Date(), value: 31.5 }]);
  await expect(tile.getByTestId("reading-temperature")).toHaveText("31.5 °C", { timeout: 15_000 });
  await expect(tile.getByText("1 alert")).toBeVisible();
  await expect(tile.getByTestId("device-alerts")).toHaveText("Temperature 31.5 °C is above 30 °C");
  await expect(page.getByRole("definition").filter({ hasText: /^1$/ }).getByRole("link")).toHaveAttribute("href", "/?status=alerts&sort=alerts");
  expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
});

test("live updates stop while paused and while the tab is hidden", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Pantry");
  addReadings(user, device.id, [{ metric: "temperature", unit: "°C", time: new Date(Date.now() - MINUTE_MS), value: 15 }]);
  await page.goto("/");
  await page.getByRole("button", { name: "Pause live updates" }).click();
  await expect(page.getByTestId("live-updates")).toContainText("Paused");
  // Counted from here: a refresh may have gone out before the click. The e2e server refreshes every 2 s.
  const refreshes: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["rsc"] === "1" && new URL(request.url()).pathname === "/") refreshes.push(request.url());
  });
  await page.waitForTimeout(5_000);
  expect(refreshes).toEqual([]);

  await page.getByRole("button", { name: "Resume live updates" }).click();
  await expect.poll(() => refreshes.length, { timeout: 10_000 }).toBeGreaterThan(0);

  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.waitForTimeout(1_500);
  const whileHidden = refreshes.length;
  await page.waitForTimeout(4_000);
  expect(refreshes.length).toBe(whileHidden);
});

test("the device page charts each metric over a chosen range, and refuses a bad custom range with a form error", async ({ page }) => {
  test.setTimeout(90_000);
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Cold frame");
  const now = Date.now();
  addReadings(user, device.id, Array.from({ length: 120 }, (_, i) => ({ metric: "temperature", unit: "°C", time: new Date(now - (120 - i) * MINUTE_MS), value: 10 + (i % 10) })));
  await page.goto(`/devices/${device.id}`);
  await expect(page).toHaveTitle("Cold frame · Gatehouse");
  const chart = page.getByTestId("chart-temperature");
  await expect(chart.getByRole("heading", { name: "Temperature" })).toBeVisible();
  await expect(chart).toContainText("from 10 °C to 19 °C");
  await expect(chart.locator(".recharts-line path.recharts-curve")).toBeVisible();
  await expect(chart.locator(".recharts-area path.recharts-curve").first()).toBeVisible();
  await expect(page.getByTestId("chart-range")).toHaveText("Last 24 h, in 5 min buckets");

  const ranges = page.getByRole("navigation", { name: "Chart range" });
  await ranges.getByRole("link", { name: "1 h" }).click();
  await expect(page).toHaveURL(/range=1h/);
  await expect(ranges.getByRole("link", { name: "1 h" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("chart-range")).toHaveText("Last 1 h, in 1 min buckets");
  await ranges.getByRole("link", { name: "30 d" }).click();
  await expect(page.getByTestId("chart-range")).toHaveText("Last 30 d, in 2 h buckets");
  await expect(chart).toContainText("from 10 °C to 19 °C");

  // `from` after `to`: the form's error beside the field (e2e/charts.spec.ts has the rest), and nothing breaks.
  const form = page.getByRole("form", { name: "Custom range" });
  await form.getByLabel("From").fill("2026-11-20T12:00");
  await form.getByLabel("To").fill("2026-11-19T12:00");
  await form.getByRole("button", { name: "Show range" }).click();
  await expect(page.locator("#range-to-error")).toHaveText("The end must be after the start");
  await expect(form.getByLabel("To")).toHaveAttribute("aria-invalid", "true");

  for (const [query, error] of [
    ["from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "A range may span at most 366 days"],
    ["from=yesterday&to=2026-01-01T00:00:00Z", /date/i],
  ] as const) {
    const response = await page.goto(`/devices/${device.id}?${query}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("#range-from-error, #range-to-error").filter({ hasText: error })).toHaveCount(1);
  }

  const good = await page.goto(`/devices/${device.id}?from=${new Date(now - 3 * HOUR).toISOString()}&to=${new Date(now).toISOString()}`);
  expect(good?.status()).toBe(200);
  await expect(page.getByTestId("chart-range")).toContainText("UTC, in 1 min buckets");
  await expect(chart).toContainText("Average");
});

test("an unknown or malformed device id shows the 404 page, whatever the range", async ({ page }) => {
  await signedInAs(page, "STANDARD");
  for (const id of ["no-such-device", "%E2%80%AE", "x".repeat(100)]) {
    const response = await page.goto(`/devices/${id}?range=7d&from=bad`);
    expect(response?.status()).toBe(404);
  }
});
