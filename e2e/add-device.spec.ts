// Adding a device from the UI and connecting it: form errors, a device token shown once (gone on a
// reload, and a reload mints none), the curl snippet posted exactly as it reads, the live status
// turning to "connected"; another person's connection page is a 404; and "Added" is the device's
// real first-seen date, for a seeded device and for one whose readings predate its registration.
import { execFileSync } from "node:child_process";
import type { Locator, Page } from "@playwright/test";
import { createDevice, createUser, expect, signedInAs, signInByApi, test } from "./fixtures";
import { query, queryOne } from "./db";
import { addReadings } from "./readings";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The arguments curl would get from the snippet, as bash itself parses them: curl is a function that prints them. */
function curlArguments(snippet: string, token: string): string[] {
  const printed = execFileSync("bash", ["-c", `curl() { printf '%s\\0' "$@"; }\n${snippet}`], { env: { ...process.env, GATEHOUSE_TOKEN: token }, encoding: "utf8" });
  return printed.split("\0").slice(0, -1);
}

/** The request a curl command line makes: -X, -H and -d, and the URL. */
function curlRequest(args: string[]) {
  const headers: Record<string, string> = {};
  let method = "GET";
  let url = "";
  let data: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-X") method = args[++i]!;
    else if (arg === "-H") {
      const [name, ...value] = args[++i]!.split(":");
      headers[name!.trim()] = value.join(":").trim();
    } else if (arg === "-d") data = args[++i];
    else if (arg.startsWith("-")) throw new Error(`The snippet uses a curl option this test does not know: ${arg}`);
    else url = arg;
  }
  return { method, url, headers, data };
}

/** A field's error, found as a screen reader would: through the control's aria-describedby. */
async function expectFieldError(page: Page, control: Locator, text: string) {
  await expect(control).toHaveAttribute("aria-invalid", "true");
  const ids = (await control.getAttribute("aria-describedby"))!.split(" ");
  await expect(page.locator(ids.map((id) => `[id="${id}"]`).join(", ")).filter({ hasText: text })).toHaveCount(1);
}

test("a Standard user adds a device, gets its token once, posts the curl snippet's reading and sees it connect", async ({ page, request, baseURL }) => {
  const user = await signedInAs(page, "STANDARD");
  await page.goto("/");
  await page.getByTestId("empty-state").getByRole("link", { name: "Add a device" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a device" })).toBeVisible();

  const name = page.getByLabel("Name", { exact: true });
  const kind = page.getByLabel("Kind", { exact: true });
  const add = page.getByRole("button", { name: "Add device" });

  // Bad input: an empty name, one too long (past the field's own limit), a kind not in the catalogue.
  await add.click();
  await expectFieldError(page, name, "Enter a name");
  await name.evaluate((input) => input.removeAttribute("maxlength"));
  await name.fill("x".repeat(81));
  await add.click();
  await expectFieldError(page, name, "At most 80 characters");
  await name.fill("Hallway plug");
  await kind.evaluate((select) => {
    const option = document.createElement("option");
    option.value = "toaster";
    option.textContent = "Toaster";
    select.append(option);
  });
  await kind.selectOption("toaster");
  await add.click();
  await expectFieldError(page, kind, "Choose a kind from the list");
  expect(await query('SELECT "id" FROM "Device" WHERE "ownerId" = ?', [user.id])).toHaveLength(0);

  await kind.selectOption({ label: "Smart plug" });
  await page.getByLabel("Location (optional)").fill("Hallway");
  await add.click();
  await expect(page).toHaveURL(/\/devices\/[^/]+\/connect$/);
  const deviceId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]!);
  const stored = await queryOne<{ ownerId: string; kind: string; location: string }>('SELECT "ownerId", "kind", "location" FROM "Device" WHERE "id" = ?', [deviceId]);
  expect(stored).toEqual({ ownerId: user.id, kind: "smart-plug", location: "Hallway" });
  const status = page.getByTestId("connect-status");
  await expect(status).toHaveAttribute("data-state", "waiting");
  await expect(status).toContainText("Waiting for the first reading…");

  // The device's own page says it has no readings and leads back here.
  await page.goto(`/devices/${deviceId}`);
  await expect(page.getByRole("heading", { name: "No readings yet — connect this device" })).toBeVisible();
  await page.getByRole("link", { name: "Connect this device" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connect Hallway plug" })).toBeVisible();

  // The token: issued by the button, shown once, scoped to this device's telemetry, audited.
  await page.getByRole("button", { name: "Issue a device token" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("You will not see this token again");
  const token = await dialog.getByLabel("Token", { exact: true }).inputValue();
  expect(token).toMatch(/^gth_dev_[0-9A-Za-z]{36}$/);
  await dialog.getByRole("button", { name: /close/ }).click();
  await expect(dialog).toBeHidden();
  const tokens = await query<{ id: string; kind: string; scopes: string; userId: string }>('SELECT "id", "kind", "scopes", "userId" FROM "ApiToken" WHERE "deviceId" = ?', [deviceId]);
  expect(tokens).toEqual([{ id: expect.any(String), kind: "DEVICE", scopes: "telemetry:write", userId: user.id }]);
  expect(await queryOne('SELECT "id" FROM "AuditEvent" WHERE "action" = ? AND "targetId" = ? AND "actorId" = ?', ["token.issued", tokens[0]!.id, user.id])).toBeTruthy();

  // A reload shows no token and mints none.
  await page.reload();
  await expect(page.getByTestId("snippet-curl")).toBeVisible();
  expect(await page.content()).not.toContain(token);
  expect(await query('SELECT "id" FROM "ApiToken" WHERE "deviceId" = ?', [deviceId])).toHaveLength(1);

  // The curl snippet, as the page shows it, read by bash and sent as it says.
  const snippet = (await page.getByTestId("snippet-curl").textContent())!;
  expect(snippet).toContain("$GATEHOUSE_TOKEN");
  // Its copy button copies exactly that, and says so.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.getByRole("button", { name: "Copy curl" }).click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  const sent = curlRequest(curlArguments(snippet, token));
  expect(sent.method).toBe("POST");
  expect(sent.url).toBe(`${baseURL}/api/v1/devices/${deviceId}/telemetry`);
  expect(sent.headers.Authorization).toBe(`Bearer ${token}`);
  const response = await request.post(sent.url, { headers: sent.headers, data: sent.data });
  expect(response.status(), await response.text()).toBe(201);
  expect(await response.json()).toEqual({ accepted: 1 });

  // The page is live: the status turns green without a reload.
  // Within a few live refreshes (every 2 s here): the first, on a cold server, has taken over 10 s.
  await expect(status).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  await expect(status).toContainText("Connected — first reading at");
  await expect(page.getByTestId("live-updates")).toHaveCount(0);

  // A reporting device's page has no "connect" panel, and links to its connection quietly.
  await page.goto(`/devices/${deviceId}`);
  await expect(page.getByRole("link", { name: "Connection", exact: true })).toHaveAttribute("href", `/devices/${deviceId}/connect`);
  await expect(page.getByTestId("no-readings")).toHaveCount(0);
});

test("an admin adds a device from the homepage's header, and owns it", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  await page.goto("/");
  await page.getByRole("link", { name: "Add device", exact: true }).click();
  const name = `Admin bench ${admin.id.slice(0, 6)}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Weather station" });
  await page.getByRole("button", { name: "Add device" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Connect ${name}` })).toBeVisible();
  expect(await queryOne('SELECT "ownerId", "kind" FROM "Device" WHERE "name" = ?', [name])).toEqual({ ownerId: admin.id, kind: "weather-station" });
});

test("another person's connection page is a 404, and issues them nothing", async ({ page }) => {
  const owner = await createUser("STANDARD");
  const device = await createDevice(owner.id);
  const stranger = await createUser("STANDARD");
  await signInByApi(page.request, stranger);
  const response = await page.goto(`/devices/${device.id}/connect`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("button", { name: "Issue a device token" })).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(device.name);
  // The page is there for its owner: the 404 is the stranger's alone.
  await signInByApi(page.request, owner);
  expect((await page.goto(`/devices/${device.id}/connect`))?.status()).toBe(200);
  await expect(page.getByRole("button", { name: "Issue a device token" })).toBeVisible();
});

/** The "Added" detail's time element. */
const added = (page: Page) => page.locator("dl div").filter({ has: page.getByText("Added", { exact: true }) }).locator("time");

test("'Added' is the first-seen date: a seeded device's history start, and a reading older than the registration", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  // The e2e server seeds a day of history (lib/cli/e2e-server.ts), up to when it started.
  const seeded = "demo-device-01";
  const first = await queryOne<{ time: number }>('SELECT MIN(t."time") AS "time" FROM "Telemetry" t JOIN "Metric" m ON m."id" = t."metricId" WHERE m."deviceId" = ?', [seeded]);
  await page.goto(`/devices/${seeded}`);
  await expect(added(page)).toHaveAttribute("datetime", new Date(first!.time).toISOString());
  await expect(added(page)).toHaveAttribute("title", /UTC$/);
  await expect(added(page)).not.toHaveText(/min|just now/);

  // Registered now, with a reading from ten days ago (a device's buffered backlog).
  const device = await createDevice(admin.id);
  const old = new Date(Math.floor((Date.now() - 10 * DAY_MS) / 60_000) * 60_000);
  addReadings(admin, device.id, [{ metric: "temperature", unit: "°C", time: old, value: 20 }]);
  await page.goto(`/devices/${device.id}`);
  await expect(added(page)).toHaveAttribute("datetime", old.toISOString());
  await expect(added(page)).toHaveText("10 days ago");
});

test("the add-device and connection pages fit a 390 px phone: snippets scroll inside their own box", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "A device with a rather long name for a small screen");
  for (const path of ["/devices/new", `/devices/${device.id}/connect`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
  }
  // The long lines scroll inside the snippet's own box, whose copy button stays on screen.
  const curl = page.getByTestId("snippet-curl");
  expect(await curl.evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
  const copy = page.getByRole("button", { name: "Copy curl" });
  await copy.scrollIntoViewIfNeeded();
  await expect(copy).toBeInViewport({ ratio: 1 });
});
