// The device page's charts (issue 14): axes at nice values and nice times of the viewer's zone,
// enough ticks on any range, alert bounds drawn, the data on screen as CSV, the charts kept while a
// new range loads, and a bad custom range refused beside its fields with the charts still there.
import fs from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { createDevice, expect, signedInAs, test, type TestUser } from "./fixtures";
import { addReadings } from "./readings";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";

// Each test seeds readings and loads several pages on a machine that CI and other runs share.
test.describe.configure({ timeout: 180_000 });

const xLabels = (chart: Locator) => chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents();
const yLabels = (chart: Locator) => chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents();

/** A thermostat reporting `value(i)` every `everyMs` for `spanMs` up to now. */
async function reportingDevice(page: Page, spanMs: number, everyMs: number, value: (i: number) => number): Promise<{ user: TestUser; id: string; now: number }> {
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Cold frame");
  const now = Date.now();
  const count = Math.floor(spanMs / everyMs);
  addReadings(user, device.id, Array.from({ length: count }, (_, i) => ({ metric: "temperature", unit: "°C", time: new Date(now - (count - i) * everyMs + 1_000), value: value(i) })));
  return { user, id: device.id, now };
}

/** The chart's x-axis labels once it has measured itself (the first render guesses its width). */
async function settledXLabels(chart: Locator): Promise<string[]> {
  await expect(chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").first()).toBeVisible();
  let last: string[] = [];
  await expect
    .poll(async () => {
      const now = await xLabels(chart);
      const same = JSON.stringify(now) === JSON.stringify(last);
      last = now;
      return same;
    }, { timeout: 30_000 })
    .toBe(true);
  return last;
}

test("the 1 h axis labels each value once, at a nice step, however close the readings are", async ({ page }) => {
  // 22.81 to 22.93: a formatter rounding to one decimal labelled this 22.8, 22.8, 22.9.
  const device = await reportingDevice(page, HOUR_MS, MINUTE_MS, (i) => 22.81 + (i % 13) * 0.01);
  await page.goto(`/devices/${device.id}?range=1h`);
  const chart = page.getByTestId("chart-temperature");
  await expect(chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").first()).toBeVisible();
  const labels = await yLabels(chart);
  expect(labels.length).toBeGreaterThanOrEqual(3);
  expect(new Set(labels).size, `labels ${labels.join(", ")}`).toBe(labels.length);
  const values = labels.map(Number);
  const steps = values.slice(1).map((v, i) => Number((v - values[i]!).toFixed(6)));
  expect(new Set(steps).size, `steps ${steps.join(", ")}`).toBe(1);
  const mantissa = Number((steps[0]! / 10 ** Math.floor(Math.log10(steps[0]!) + 1e-9)).toFixed(6));
  expect([1, 2, 2.5, 5]).toContain(mantissa);
  expect(values[0]).toBeLessThanOrEqual(22.81);
  expect(values.at(-1)).toBeGreaterThanOrEqual(22.93);
});

test.describe("in Kolkata (UTC+5:30)", () => {
  test.use({ timezoneId: "Asia/Kolkata" });

  test("the 24 h axis ticks at whole hours of the viewer's clock, with the date at its midnight", async ({ page }) => {
    const device = await reportingDevice(page, DAY_MS, 30 * MINUTE_MS, (i) => 20 + (i % 8) / 4);
    // The server renders in its own zone: the browser's must not make the hydration disagree.
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    await page.goto(`/devices/${device.id}`);
    await expect(page.getByTestId("chart-range")).toHaveText(/^Last 24 h/);
    const labels = await settledXLabels(page.getByTestId("chart-temperature"));
    expect(labels.length, labels.join(", ")).toBeGreaterThanOrEqual(4);
    expect(labels.length).toBeLessThanOrEqual(8);
    // Kolkata's midnight is 18:30 UTC: a tick on UTC's hours would read hh:30 there.
    const today = new Intl.DateTimeFormat("en", { timeZone: "Asia/Kolkata", month: "short", day: "numeric" }).format(device.now);
    expect(labels.filter((l) => !/^\d\d:00$/.test(l)), labels.join(", ")).toEqual([today]);
    const hours = labels.filter((l) => l !== today).map((l) => Number(l.slice(0, 2)));
    const step = [1, 2, 3, 6, 12].find((s) => hours.every((h) => h % s === 0) && hours.every((h, i) => i === 0 || (h - hours[i - 1]! + 24) % 24 <= 2 * s));
    expect(step, `hours ${hours.join(", ")}`).toBeDefined();
    expect(errors.filter((e) => /hydrat|#418|#423|#425/i.test(e))).toEqual([]);
  });
});

test("a 2.5-day custom range gets enough ticks, on a wide screen and on a phone", async ({ page }) => {
  const device = await reportingDevice(page, 3 * DAY_MS, HOUR_MS, (i) => 18 + (i % 6));
  const query = new URLSearchParams({ from: new Date(device.now - 2.5 * DAY_MS).toISOString(), to: new Date(device.now).toISOString() });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/devices/${device.id}?${query}`);
    const labels = await settledXLabels(page.getByTestId("chart-temperature"));
    expect(labels.length, `${width} px: ${labels.join(", ")}`).toBeGreaterThanOrEqual(4);
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(new Set(labels.filter((l) => !/^\d\d:\d\d$/.test(l))).size, "every date once").toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
});

test("a metric's alert bounds are drawn on its chart as labelled lines", async ({ page }) => {
  // Near the thermostat's 30 °C bound; the 12 °C one is far below, off the axis, and named in the caption.
  const device = await reportingDevice(page, 6 * HOUR_MS, 10 * MINUTE_MS, (i) => 25 + (i % 9) / 2);
  await page.goto(`/devices/${device.id}?range=6h`);
  const chart = page.getByTestId("chart-temperature");
  const line = chart.locator(".recharts-reference-line");
  await expect(line).toHaveCount(1);
  // Recharts draws labels in a layer of their own, not inside the line's group.
  await expect(chart.locator("svg text", { hasText: /^Alert/ })).toHaveText(["Alert above 30 °C"]);
  const labels = (await yLabels(chart)).map(Number);
  expect(Math.max(...labels)).toBeGreaterThanOrEqual(30);
  await expect(chart.locator("figcaption")).toContainText("Alert below 12 °C, Alert above 30 °C.");
});

test("the data on screen downloads as CSV: each bucket's UTC time, min, avg, max and count", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Cold frame");
  // Three readings in one 5-minute bucket an hour ago, one in another.
  const bucket = Math.floor((Date.now() - HOUR_MS) / (5 * MINUTE_MS)) * 5 * MINUTE_MS;
  addReadings(user, device.id, [
    ...[18, 19.5, 21].map((value, i) => ({ metric: "temperature", unit: "°C", time: new Date(bucket + i * MINUTE_MS), value })),
    { metric: "temperature", unit: "°C", time: new Date(bucket + 20 * MINUTE_MS), value: 22 },
  ]);
  await page.goto(`/devices/${device.id}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV of Temperature" }).click()]);
  expect(download.suggestedFilename()).toBe("cold-frame-temperature-24h.csv");
  const [header, ...rows] = (await fs.readFile((await download.path())!, "utf8")).trimEnd().split("\r\n");
  expect(header).toBe("time,min,avg,max,count");
  // 24 h of 5-minute buckets, widened to whole buckets at either end.
  expect(rows.length).toBeGreaterThanOrEqual(288);
  expect(rows.length).toBeLessThanOrEqual(290);
  const parsed = rows.map((row) => row.split(","));
  expect(parsed.every((cells) => cells.length === 5 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/.test(cells[0]!))).toBe(true);
  expect(parsed.filter((cells) => cells[4] !== "0")).toEqual([
    [new Date(bucket).toISOString().replace(".000Z", "Z"), "18", "19.5", "21", "3"],
    [new Date(bucket + 20 * MINUTE_MS).toISOString().replace(".000Z", "Z"), "22", "22", "22", "1"],
  ]);
  expect(parsed.find((cells) => cells[4] === "0")).toEqual([expect.any(String), "", "", "", "0"]);
});

test("a chart keeps its data, dimmed and busy, while a new range loads", async ({ page }) => {
  const device = await reportingDevice(page, 2 * HOUR_MS, 5 * MINUTE_MS, (i) => 20 + (i % 4));
  await page.goto(`/devices/${device.id}`);
  const chart = page.getByTestId("chart-temperature");
  await expect(chart.locator(".recharts-line path.recharts-curve")).toBeVisible();
  // Hold the 7-day range's server response back, so that the wait can be watched.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === `/devices/${device.id}` && url.searchParams.get("range") === "7d",
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await page.getByRole("navigation", { name: "Chart range" }).getByRole("link", { name: "7 d" }).click();
  await expect(page.getByTestId("charts-status")).toHaveText("Loading…");
  await expect(page.getByTestId("charts-body")).toHaveAttribute("aria-busy", "true");
  await expect(chart.locator(".recharts-line path.recharts-curve")).toBeVisible();
  await expect(page.getByTestId("charts-skeleton")).toHaveCount(0);
  await expect(page.getByTestId("chart-range")).toHaveText("Last 24 h, in 5 min buckets");
  release();
  await expect(page.getByTestId("chart-range")).toHaveText("Last 7 d, in 30 min buckets");
  await expect(page.getByTestId("charts-body")).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("charts-status")).toHaveText("");
  await expect(page).toHaveURL(/range=7d/);
});

test("a bad custom range is a form error beside its fields, and the charts stay", async ({ page }) => {
  const device = await reportingDevice(page, 2 * HOUR_MS, 5 * MINUTE_MS, (i) => 20 + (i % 4));
  await page.goto(`/devices/${device.id}?range=6h`);
  const chart = page.getByTestId("chart-temperature");
  const form = page.getByRole("form", { name: "Custom range" });
  const url = page.url();
  // Drawn only once the page is hydrated: before that, the form would submit without its check.
  await expect(chart.locator(".recharts-line path.recharts-curve")).toBeVisible();

  // The end before the start: refused in the form's words, with no navigation, over the same charts.
  await form.getByLabel("From").fill("2026-11-20T12:00");
  await form.getByLabel("To").fill("2026-11-19T12:00");
  await form.getByRole("button", { name: "Show range" }).click();
  await expect(page.locator("#range-to-error")).toHaveText("The end must be after the start");
  await expect(form.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("To")).toHaveAttribute("aria-describedby", "range-to-error");
  await expect(page.locator("#range-to-error")).toHaveAttribute("aria-live", "polite");
  await expect(form.getByLabel("To")).toBeFocused();
  await expect(page.getByText("`from` must be before `to`")).toHaveCount(0);
  expect(page.url()).toBe(url);
  await expect(chart.locator(".recharts-line path.recharts-curve")).toBeVisible();
  await expect(page.getByTestId("chart-range")).toHaveText("Last 6 h, in 1 min buckets");

  // In the future.
  const tomorrow = new Date(Date.now() + DAY_MS);
  const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * MINUTE_MS).toISOString().slice(0, 16);
  await form.getByLabel("From").fill(local(tomorrow));
  await form.getByLabel("To").fill("");
  await form.getByRole("button", { name: "Show range" }).click();
  await expect(page.locator("#range-from-error")).toHaveText("The start cannot be in the future");
  await expect(page.locator("#range-to-error")).toHaveText("");
  expect(page.url()).toBe(url);

  // In a link: the same words, over the default range's charts, not the API's text and no charts.
  for (const [query, field, error] of [
    [`from=${new Date(device.now).toISOString()}&to=${new Date(device.now - HOUR_MS).toISOString()}`, "to", "The end must be after the start"],
    ["from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to", "A range may span at most 366 days"],
    ["from=yesterday&to=2026-01-01T00:00:00Z", "from", "Enter the start as a date and time"],
    [`from=${tomorrow.toISOString()}`, "from", "The start cannot be in the future"],
  ] as const) {
    const response = await page.goto(`/devices/${device.id}?${query}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator(`#range-${field}-error`)).toHaveText(error);
    await expect(form.getByLabel(field === "from" ? "From" : "To")).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText("Showing the last 24 h instead.");
    await expect(page.getByTestId("chart-range")).toHaveText("Last 24 h, in 5 min buckets");
    await expect(chart.locator(".recharts-line path.recharts-curve")).toBeVisible();
  }

  // A good range afterwards clears the error.
  await form.getByLabel("From").fill(local(new Date(device.now - 3 * HOUR_MS)));
  await form.getByLabel("To").fill(local(new Date(device.now)));
  await form.getByRole("button", { name: "Show range" }).click();
  await expect(page.getByTestId("chart-range")).toContainText("UTC, in 1 min buckets");
  await expect(page.locator("#range-from-error")).toHaveText("");
  await expect(page.locator("#range-to-error")).toHaveText("");
});
