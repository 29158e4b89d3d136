// Navigation: a deep link survives sign-in (and never leads off the site), sign-out stays on the
// host in use, a slow page shows that it is loading, filters apply as they change with a way to
// clear them, and a refused form says which fields, without pointing up or down, and focuses one.
import type { Page, Route } from "@playwright/test";
import { safeCallbackPath } from "../lib/auth/callback-path";
import { createDevice, createUser, expect, hydrated, signedInAs, signInByApi, test, type TestUser } from "./fixtures";

async function signInWithForm(page: Page, user: TestUser) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The callbackUrl of a redirect to the sign-in page, checked to be a path of this site. */
function callbackOf(location: string, origin: string): string | null {
  const url = new URL(location, origin);
  expect(url.origin).toBe(origin);
  expect(url.pathname).toBe("/login");
  const callback = url.searchParams.get("callbackUrl");
  if (callback !== null) {
    expect(callback.startsWith("/") && !callback.startsWith("//") && !callback.startsWith("/\\"), callback).toBe(true);
    // What the sign-in page will use is exactly this, and it stays here.
    expect(safeCallbackPath(callback)).toBe(callback);
    expect(new URL(callback, origin).origin).toBe(origin);
  }
  return callback;
}

/** Holds the router's requests for pages matching `path` for `ms`, so that a navigation is slow. */
async function slowRouterRequests(page: Page, path: RegExp, ms: number) {
  await page.route(
    (url) => path.test(url.pathname),
    async (route: Route) => {
      if (route.request().headers()["rsc"] === "1") await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue();
    },
  );
}

test("a page opened while signed out, with its query, is where the sign-in form leads", async ({ page, baseURL }) => {
  const user = await createUser("STANDARD");
  const device = await createDevice(user.id, "Deep-linked sensor");
  const origin = new URL(baseURL!).origin;
  const deepLink = `/devices/${device.id}?range=7d`;

  const answer = await page.request.get(deepLink, { maxRedirects: 0 });
  expect(answer.status()).toBe(307);
  expect(callbackOf(answer.headers().location!, origin)).toBe(deepLink);

  await page.goto(deepLink);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await signInWithForm(page, user);
  await expect(page).toHaveURL(deepLink);
  await expect(page.getByRole("heading", { level: 1, name: "Deep-linked sensor" })).toBeVisible();
});

test("a session that ends while browsing keeps the page the next click asked for", async ({ page, context }) => {
  const user = await signedInAs(page, "STANDARD");
  // A page without live updates, whose refresh would meet the ended session first.
  await page.goto("/settings/password");
  await context.clearCookies();
  // A client-side navigation: the router's request carries its own cache-busting parameter.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tokens" }).click();
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent("/settings/tokens")}`);
  await signInWithForm(page, user);
  await expect(page).toHaveURL("/settings/tokens");
});

test("the path carried through sign-in never leads off the site, however the address is dressed", async ({ page, baseURL }) => {
  test.slow(); // a dozen redirects, then a sign-in
  const origin = new URL(baseURL!).origin;
  const paths = [
    "/settings/tokens?next=//evil.example",
    "/devices/%2F%2Fevil.example",
    "/devices/%5Cevil.example",
    "/devices/..%2F..%2F%2Fevil.example",
    "/devices/x?callbackUrl=https://evil.example",
    "/devices/%252F%252Fevil.example",
    "/devices/%EF%BC%8F%EF%BC%8Fevil.example",
    "/devices/javascript:alert(1)",
    "/settings/tokens?q=%0D%0ALocation:%20https://evil.example",
  ];
  for (const path of paths) {
    const answer = await page.request.get(path, { maxRedirects: 0 });
    expect([307, 404], path).toContain(answer.status());
    if (answer.status() === 307) callbackOf(answer.headers().location!, origin);
  }
  // A client cannot choose the path itself: the proxy overwrites the header it is carried in.
  for (const forged of ["//evil.example", "https://evil.example/x", "/\\evil.example"]) {
    const answer = await page.request.get("/settings/tokens", { maxRedirects: 0, headers: { "x-gatehouse-path": forged } });
    expect(callbackOf(answer.headers().location!, origin), forged).toBe("/settings/tokens");
  }
  // Signed in through the form from one of them, the browser stays here.
  const user = await createUser("STANDARD");
  await page.goto("/devices/%2F%2Fevil.example");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await signInWithForm(page, user);
  await page.waitForURL((url) => url.pathname !== "/login");
  expect(new URL(page.url()).origin).toBe(origin);
});

test("signing out returns to the sign-in page of the host in use, not the configured one", async ({ page, baseURL }) => {
  // NEXTAUTH_URL names localhost; the same server is reached here as 127.0.0.1.
  const alias = baseURL!.replace("//localhost:", "//127.0.0.1:");
  expect(alias).not.toBe(baseURL);
  const user = await createUser("STANDARD");
  await signInByApi(page.request, user, alias);
  await page.goto(`${alias}/`);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  expect(new URL(page.url()).origin).toBe(new URL(alias).origin);
  // And the session has ended.
  await page.goto(`${alias}/`);
  await expect(page).toHaveURL(`${new URL(alias).origin}/login`);
});

test("a slow page shows that it is loading: a progress bar, and the clicked tile busy", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  const device = await createDevice(user.id, "Slow sensor");
  await createDevice(user.id, "Other sensor");
  await page.goto("/");
  await hydrated(page);
  const bar = page.getByRole("progressbar", { name: "Loading the page" });
  await expect(bar).toHaveCount(0);
  await slowRouterRequests(page, /^\/devices\//, 2_000);

  const tiles = page.getByTestId("device-card");
  const tile = tiles.filter({ hasText: "Slow sensor" });
  await tile.getByRole("link", { name: "Slow sensor" }).click();
  await expect(bar).toBeVisible();
  await expect(tile.locator("[data-link-pending]")).toHaveCount(1);
  await expect(tiles.filter({ hasText: "Other sensor" }).locator("[data-link-pending]")).toHaveCount(0);
  await expect(page).toHaveURL(`/devices/${device.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Slow sensor" })).toBeVisible();
  await expect(bar).toHaveCount(0);

  // The main navigation too, and with reduced motion the bar stands still.
  await page.emulateMedia({ reducedMotion: "reduce" });
  await slowRouterRequests(page, /^\/settings\/tokens$/, 2_000);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tokens" }).click();
  await expect(bar).toBeVisible();
  expect(await bar.locator("span").evaluate((element) => getComputedStyle(element).animationName)).toBe("none");
  await expect(page).toHaveURL("/settings/tokens");
  await expect(bar).toHaveCount(0);
});

test("the homepage's filters apply as they change, keep every keystroke, and can be cleared", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  await createDevice(user.id, "Porch light", { location: "Front door" });
  await createDevice(user.id, "Attic fan");
  await createDevice(user.id, "Cellar pump", { enabled: false, location: "Basement" });
  await page.goto("/");
  const list = page.getByRole("list", { name: "Devices" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  const search = page.getByRole("search", { name: "Devices" });
  const box = search.getByLabel("Search");
  const entries = await page.evaluate(() => history.length);

  // Typing with pauses past the debounce, while each answer is slow to come: an answer for
  // "fro" arriving while "front d" is typed must not put "fro" back in the box.
  await slowRouterRequests(page, /^\/$/, 700);
  await box.pressSequentially("fro", { delay: 40 });
  await page.waitForTimeout(400);
  await box.pressSequentially("nt d", { delay: 40 });
  await page.waitForTimeout(400);
  await box.pressSequentially("oor", { delay: 40 });
  await expect(page).toHaveURL(/[?&]q=front\+door$/);
  await expect(box).toHaveValue("front door");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("link", { name: "Porch light" })).toBeVisible();
  // Typing replaced the query rather than adding a history entry a keystroke.
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.unrouteAll({ behavior: "wait" });

  // A choice applies at once.
  await box.fill("");
  await search.getByLabel("Status").selectOption("disabled");
  await expect(page).toHaveURL("/?status=disabled");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("link", { name: "Cellar pump" })).toBeVisible();

  // Nothing matches: the way back is offered, and taken, the form showing the cleared filter.
  await box.fill("nothing-like-this");
  await expect(page.getByTestId("no-match")).toBeVisible();
  await page.getByTestId("no-match").getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL("/");
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(box).toHaveValue("");
  await expect(search.getByLabel("Status")).toHaveValue("all");
});

test("the audit log's filter applies as it is typed, and an empty result offers to clear it", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  await page.goto("/admin/audit");
  const search = page.getByRole("search", { name: "Audit records" });
  await search.getByLabel("Actor").pressSequentially(admin.email, { delay: 10 });
  await expect(page).toHaveURL(new RegExp(`[?&]actor=${encodeURIComponent(admin.email).replace(/\./g, "\\.")}`));
  await expect(page.getByRole("region", { name: "Audit records" }).getByRole("row").filter({ hasText: "user.signed_in" })).toHaveCount(1);

  await search.getByLabel("Action").pressSequentially("no.such.action", { delay: 10 });
  await expect(page.getByTestId("no-records")).toBeVisible();
  await page.getByTestId("no-records").getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL("/admin/audit");
  await expect(search.getByLabel("Actor")).toHaveValue("");
  await expect(search.getByLabel("Action")).toHaveValue("");
});

test("a refused form names its fields without pointing up or down, and focuses the first of them", async ({ page }) => {
  await signedInAs(page, "ADMIN");
  await page.goto("/admin/users");
  const create = page.getByRole("button", { name: "Create user" });
  const form = page.locator("form").filter({ has: create });
  await form.getByLabel("Email").fill("not an email");
  await create.click();
  const message = form.getByText(/^Please correct the/);
  await expect(message).toBeVisible();
  await expect(message).not.toHaveText(/below|above/);
  await expect(message).toContainText("name");
  // The first invalid field in the form's order, above the message, has the focus.
  await expect(form.getByLabel("Name")).toBeFocused();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
});
