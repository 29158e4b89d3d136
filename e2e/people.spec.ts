// People and policies in the browser: an admin creates a user, who sets a password through the
// one-time link in a browser of their own, signs in and finds an empty dashboard; the link then
// works no more. A person changes their own password; the policy page refuses what is out of
// bounds; a standard user reaches none of it.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { createUser, expect, signedInAs, signInByApi, test } from "./fixtures";
import { findLeaks, forbiddenStrings, recordResponses } from "./leak-scanner";
import { MINUTE_MS } from "@/lib/time";

const LINK_NOT_VALID = /This link cannot be used/;

/**
 * A browser of its own, as the invitee's would be: no cookies. The fixture scans only the test's
 * own context, so this one's responses are scanned here, at close.
 */
async function freshBrowser(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context: BrowserContext = await browser.newContext({ baseURL: BASE_URL });
  const captured = recordResponses(context);
  const page = await context.newPage();
  return {
    page,
    close: async () => {
      await context.close();
      expect(findLeaks(await captured(), await forbiddenStrings()), "responses to the invitee's browser holding a secret").toEqual([]);
    },
  };
}

test("an admin creates a user, who sets a password with the one-time link, signs in and sees an empty dashboard", async ({ page, browser }) => {
  test.setTimeout(2 * MINUTE_MS);
  await signedInAs(page, "ADMIN");
  await page.goto("/admin/users");
  const tag = crypto.randomUUID().slice(0, 8);
  const email = `invitee-${tag}@e2e.gatehouse.local`;
  const name = `Invitee ${tag}`;

  // Created with no password; the link is shown once, in a dialog.
  const form = page.getByRole("region", { name: "New user" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("STANDARD");
  await form.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("You will not see this link again");
  const link = await dialog.getByLabel("Link", { exact: true }).inputValue();
  expect(link).toMatch(new RegExp(`^${BASE_URL}/set-password/[A-Za-z0-9_-]{43}$`));
  await dialog.getByRole("button", { name: /close/ }).click();
  await expect(dialog).toBeHidden();
  // The list shows a page at a time: a link finds them in it, and so does the search, as one types.
  await expect(page.getByRole("link", { name: `Show ${name} in the list` })).toHaveAttribute("href", `/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("search", { name: "Users" }).getByLabel("Search").fill(email);
  await expect(page).toHaveURL(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("user-count")).toHaveText(/^Showing 1 of 1 matching, [\d,]+ in all$/);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Invitation pending");
  expect(await page.content()).not.toContain(link);

  // The same email again is refused beside its field.
  await form.getByLabel("Name").fill("Twin");
  await form.getByLabel("Email").fill(email.toUpperCase());
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText(`A user with the email ${email} exists already`)).toBeVisible();

  // The invitee opens the link in a browser of their own.
  const invitee = await freshBrowser(browser);
  const response = await invitee.page.goto(link);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(invitee.page.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await expect(invitee.page.getByLabel("Account")).toHaveValue(email);
  // The secret is in the page only where Next keeps the URL's own segments: the action that sets
  // the password holds it in its encrypted closure, not as a plain bound argument.
  const secret = link.split("/set-password/")[1]!;
  const html = await (await invitee.page.request.get(link)).text();
  const rest = html.replaceAll(`\\"set-password\\",\\"${secret}\\"`, "").replaceAll(`\\"k\\":\\"${secret}\\"`, "");
  expect(rest).not.toContain(secret);

  // Mistakes are shown beside their fields, and the link still works afterwards.
  await invitee.page.getByLabel("New password", { exact: true }).fill("too short");
  await invitee.page.getByLabel("New password again").fill("something else");
  await invitee.page.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.page.getByText("At least 12 characters", { exact: true })).toBeVisible();
  await expect(invitee.page.getByText("The two passwords differ")).toBeVisible();

  const password = `a long pass phrase ${tag}`;
  await invitee.page.getByLabel("New password", { exact: true }).fill(password);
  await invitee.page.getByLabel("New password again").fill(password);
  await invitee.page.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.page).toHaveURL(/\/login\?reason=password-set$/);
  await expect(invitee.page.getByRole("status")).toHaveText("Password set — sign in.");

  await invitee.page.getByLabel("Email").fill(email);
  await invitee.page.getByLabel("Password").fill(password);
  await invitee.page.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee.page).toHaveURL("/");
  await expect(invitee.page.getByTestId("current-user")).toHaveText(name);
  await expect(invitee.page.getByTestId("empty-state")).toContainText("No devices yet");
  await invitee.close();

  // Used once, the link works no more, and says so without naming anyone.
  const later = await freshBrowser(browser);
  await later.page.goto(link);
  await expect(later.page.getByText(LINK_NOT_VALID)).toBeVisible();
  await expect(later.page.getByRole("button", { name: "Set password" })).toHaveCount(0);
  expect(await later.page.content()).not.toContain(email);
  await later.close();

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Active");
});

test("a person changes their own password, which ends their session", async ({ page }) => {
  const user = await signedInAs(page, "STANDARD");
  await page.goto("/settings/password");
  await page.getByLabel("Current password").fill(`${user.password}-wrong`);
  await page.getByLabel("New password", { exact: true }).fill("a brand new pass phrase");
  await page.getByLabel("New password again").fill("a brand new pass phrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not correct")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/login\?reason=password-changed$/);
  await expect(page.getByRole("status")).toContainText("Password changed");
  // The old session is over: the dashboard sends its cookie back to sign in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await signInByApi(page.request, { email: user.email, password: "a brand new pass phrase" });
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
});

test("the policy page shows each role's ceiling and refuses a lifetime past it, changing nothing", async ({ page }) => {
  await signedInAs(page, "ADMIN");
  await page.goto("/admin/policies");
  const standard = page.getByRole("region", { name: "Standard", exact: true });
  await expect(standard).toContainText("at most 90 days");
  await expect(page.getByRole("region", { name: "Admin", exact: true })).toContainText("at most 180 days");
  const lifetime = standard.getByLabel("Maximum lifetime (days)");
  const before = await lifetime.inputValue();
  await lifetime.fill("91");
  await standard.getByRole("button", { name: "Save the Standard policy" }).click();
  await expect(standard.getByText("At most 90 days for this role")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Standard", exact: true }).getByLabel("Maximum lifetime (days)")).toHaveValue(before);
});

test("a standard user reaches neither the policies nor the users page", async ({ page }) => {
  await signedInAs(page, "STANDARD");
  for (const path of ["/admin/policies", "/admin/users"]) {
    await page.goto(path);
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { name: /Policies|Users/ })).toHaveCount(0);
  }
  // An admin's user, whom nothing on the page may name.
  const other = await createUser("ADMIN");
  expect(await page.content()).not.toContain(other.email);
});
