// Sessions end for good: a copy of the session cookie stops working once its user signs out, is
// disabled or has their role changed, and signing in again gives a session that works.
import type { Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import { createUser, expect, signInByApi, signedInAs, test, type TestUser } from "./fixtures";

/** The session cookie the context holds now, as someone who copied it would have it. */
async function sessionCookie(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies()).find(({ name }) => name.endsWith("next-auth.session-token"));
  expect(cookie, "a session cookie").toBeDefined();
  return cookie!;
}

/** A fresh browser with nothing but the given cookie. */
async function browserWith(browser: Browser, cookie: Cookie): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([cookie]);
  return context.newPage();
}

async function expectSignedIn(page: Page, user: TestUser): Promise<void> {
  await page.goto("/");
  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
}

async function expectSentToSignIn(page: Page): Promise<void> {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

test("signing out ends a copy of the session cookie too, and a new sign-in works", async ({ page, browser }) => {
  const user = await signedInAs(page, "STANDARD");
  await expectSignedIn(page, user);
  const copied = await sessionCookie(page.context());
  const copy = await browserWith(browser, copied);
  await expectSignedIn(copy, user);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectSentToSignIn(copy);
  await expectSentToSignIn(await browserWith(browser, copied));

  // Straight after the sign-out, often within the same second: the new session stands.
  await signInByApi(page.request, user);
  await expectSignedIn(page, user);
  await copy.context().close();
});

/** An admin, in a browser of their own, acting on the users page, searched for `email`. */
async function adminUsersPage(browser: Browser, email: string): Promise<Page> {
  const admin = await browser.newContext().then((context) => context.newPage());
  await signedInAs(admin, "ADMIN");
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  return admin;
}

test("disabling a signed-in user ends their session, and enabling them does not bring it back", async ({ page, browser }) => {
  const user = await createUser("STANDARD");
  await signInByApi(page.request, user);
  await expectSignedIn(page, user);
  const copied = await sessionCookie(page.context());

  const admin = await adminUsersPage(browser, user.email);
  const row = admin.getByRole("row", { name: new RegExp(user.email) });
  await row.getByRole("button", { name: `Disable ${user.name}` }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Disable and revoke tokens" }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await expectSentToSignIn(page);

  await row.getByRole("button", { name: `Enable ${user.name}` }).click();
  await expect(row).toContainText("Enabled.");
  await expectSentToSignIn(await browserWith(browser, copied));
  await signInByApi(page.request, user);
  await expectSignedIn(page, user);
  await admin.context().close();
});

test("changing a signed-in user's role ends their session; they sign in again under the new role", async ({ page, browser }) => {
  const user = await createUser("STANDARD");
  await signInByApi(page.request, user);
  await expectSignedIn(page, user);

  const admin = await adminUsersPage(browser, user.email);
  const row = admin.getByRole("row", { name: new RegExp(user.email) });
  await row.getByLabel(`Role for ${user.name}`, { exact: true }).selectOption("ADMIN");
  await row.getByRole("button", { name: `Save role for ${user.name}` }).click();
  await expect(row).toContainText("Role changed to Admin.");
  await expectSentToSignIn(page);

  await signInByApi(page.request, user);
  await expectSignedIn(page, user);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Admin/ })).toBeVisible();
  await admin.context().close();
});
