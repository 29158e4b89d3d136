// The one spec that signs in through the form: each role, wrong and hostile input, where the form
// sends someone afterwards, sign-out.
import type { Page } from "@playwright/test";
import { createUser, expect, signedInAs, test, type TestUser } from "./fixtures";

const FAILED = "The email or password is incorrect.";

async function submitForm(page: Page, email: string, password: string, path = "/login") {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInWithForm(page: Page, user: TestUser) {
  await submitForm(page, user.email, user.password);
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
}

test("an admin signs in and sees the admin sections", async ({ page }) => {
  const admin = await createUser("ADMIN");
  await signInWithForm(page, admin);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Admin/ })).toBeVisible();
});

test("a standard user signs in without admin sections", async ({ page }) => {
  const user = await createUser("STANDARD");
  await signInWithForm(page, user);
  await expect(page.getByRole("link", { name: "Devices" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Admin/ })).toHaveCount(0);
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const user = await createUser("STANDARD");
  await submitForm(page, user.email, `${user.password}x`);
  await expect(page.locator("#login-error")).toHaveText(FAILED);
  await expect(page).toHaveURL(/\/login/);
  await submitForm(page, `nobody-${Date.now()}@e2e.gatehouse.local`, user.password);
  await expect(page.locator("#login-error")).toHaveText(FAILED);
});

test("a disabled user cannot sign in", async ({ page }) => {
  const user = await createUser("STANDARD", { disabled: true });
  await submitForm(page, user.email, user.password);
  await expect(page.locator("#login-error")).toHaveText(FAILED);
});

const hostile: [string, string, string][] = [
  ["empty", "", ""],
  ["100 kB", "a".repeat(100_000) + "@example.com", "p".repeat(100_000)],
  ["unicode", "ü@例え.jp", "пароль🔑"],
  ["SQL-looking", "' OR 1=1 --@x.io", "' OR '1'='1"],
];

for (const [label, email, password] of hostile) {
  test(`${label} credentials get the generic message`, async ({ page }) => {
    await submitForm(page, email, password);
    await expect(page.locator("#login-error")).toHaveText(FAILED);
  });

  test(`${label} credentials posted to the auth API never cause a server error`, async ({ request }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password, json: "true" },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    const body = await response.text();
    expect(body).not.toMatch(/at .+\.(js|ts):\d+/);
    const session = await (await request.get("/api/auth/session")).json();
    expect(session).toEqual({});
  });
}

test("signing out ends the session", async ({ page }) => {
  const user = await createUser("STANDARD");
  await signInWithForm(page, user);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

// Open redirects: /login?callbackUrl=… must only ever lead to a path of this site, whether the server
// redirects someone already signed in or the form navigates after signing in. Each case is a query
// string, the path it must end on, and whether the form is tried with it too (a sign-in each).
type Redirect = { query: string; lands: string; form?: boolean };
const callback = (payload: string, form = false): Redirect => ({ query: `callbackUrl=${encodeURIComponent(payload)}`, lands: "/", form });
const REDIRECTS: Redirect[] = [
  callback("//evil.example", true),
  callback("///evil.example"),
  callback("/\\evil.example"),
  callback("/\t/evil.example", true),
  callback("/.//evil.example", true),
  callback("/./\\evil.example"),
  callback("/..//evil.example"),
  callback("/%2F%2Fevil.example", true),
  callback("/%5Cevil.example"),
  callback("/%252F%252Fevil.example"),
  callback("/\uFF0F/evil.example", true),
  callback("https://evil.example", true),
  callback("http:evil.example"),
  callback("javascript:alert(document.domain)", true),
  callback(" JavaScript:alert(1)"),
  callback("data:text/html,<script>alert(1)</script>"),
  callback(`/${"a".repeat(5_000)}`),
  { query: "callbackUrl=%2F%2Fevil.example&callbackUrl=%2Fsettings%2Ftokens", lands: "/" },
  { ...callback("/settings/tokens", true), lands: "/settings/tokens" },
  { ...callback("https://evil.example/settings/tokens"), lands: "/settings/tokens" },
];

/** Fails on any script a payload manages to run in the page (javascript: and data: URLs). */
function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

function expectOnThisSite(url: string, origin: string, path: string, query: string) {
  const landed = new URL(url);
  expect(landed.origin, query).toBe(origin);
  expect(landed.pathname + landed.search, query).toBe(path);
}

test("a signed-in visitor to the sign-in page is sent on to a path of this site only", async ({ page, baseURL }) => {
  test.slow(); // twenty redirects, each followed by the browser to the page it names
  const origin = new URL(baseURL!).origin;
  const dialogs = recordDialogs(page);
  await signedInAs(page, "STANDARD");
  for (const { query, lands: path } of REDIRECTS) {
    const response = await page.request.get(`/login?${query}`, { maxRedirects: 0 });
    expect(response.status(), query).toBe(307);
    expectOnThisSite(new URL(response.headers().location!, origin).href, origin, path, query);
    await page.goto(`/login?${query}`);
    expectOnThisSite(page.url(), origin, path, query);
  }
  expect(dialogs).toEqual([]);
});

for (const { query, lands: path } of REDIRECTS.filter((redirect) => redirect.form)) {
  test(`after signing in, the form goes to ${path} for ${query.slice(0, 60)}`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const dialogs = recordDialogs(page);
    const user = await createUser("STANDARD");
    await submitForm(page, user.email, user.password, `/login?${query}`);
    await page.waitForURL((url) => url.origin !== origin || url.pathname !== "/login");
    expectOnThisSite(page.url(), origin, path, query);
    await expect(page.getByTestId("current-user")).toHaveText(user.name);
    expect(dialogs).toEqual([]);
  });
}

test("next-auth's own redirect keeps to this site and never fails on a hostile callback URL", async ({ request, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  // A callbackUrl in the body goes through the redirect callback (next-auth checks one in the query
  // itself first); sign-out answers with where it would go, signed in or not. next-auth reads one
  // value of a repeated field, so the repeated case is left out.
  for (const { query, lands: path } of [...REDIRECTS, callback("evil.example")].filter((r) => !r.query.includes("&"))) {
    const response = await request.post("/api/auth/signout", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      data: `${query}&csrfToken=${encodeURIComponent(csrfToken)}&json=true`,
      maxRedirects: 0,
    });
    expect(response.status(), query).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expectOnThisSite(url, origin, path, query);
  }
});

test("the sign-in form posts, so that a press before its script loads never puts the password in a URL", async ({ request }) => {
  const html = await (await request.get("/login")).text();
  expect(html).toMatch(/<form[^>]*method="post"/);
  // Such a press reaches the page as a plain POST, which no page takes.
  const answer = await request.post("/login", { form: { email: "a@b.example", password: "not in a url" }, maxRedirects: 0 });
  expect(answer.status()).toBe(405);
});
