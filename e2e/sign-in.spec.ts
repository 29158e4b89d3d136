// The one spec that signs in through the form: each role, wrong and hostile input, sign-out.
import { createUser, expect, test, type TestUser } from "./fixtures";

const FAILED = "The email or password is incorrect.";

async function submitForm(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInWithForm(page: import("@playwright/test").Page, user: TestUser) {
  await submitForm(page, user.email, user.password);
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
}

test("an admin signs in and sees the admin sections", async ({ page }) => {
  const admin = await createUser("ADMIN");
  await signInWithForm(page, admin);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
});

test("a standard user signs in without admin sections", async ({ page }) => {
  const user = await createUser("STANDARD");
  await signInWithForm(page, user);
  await expect(page.getByRole("link", { name: "Devices" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
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
