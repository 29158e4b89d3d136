// Accessibility for every person (issue #4): axe-core finds no serious or critical WCAG 2.1 A/AA
// violation on the main pages in either theme (both checked in one visit), and at 360 px the
// homepage and a device page never scroll sideways while the keyboard reaches their controls,
// each showing where the focus is.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_DEVICES } from "../prisma/seed-data";
import { createDevice, createUser, expect, signInByApi, signedInAs, test } from "./fixtures";
import { MINUTE_MS } from "@/lib/time";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const THEMES = ["light", "dark"] as const;
/** A device of the demo seed, so that its page has a day of readings to show. */
const SEEDED_DEVICE = `/devices/${DEMO_DEVICES[0]!.id}`;

type Target = {
  name: string;
  /** Signed in as an admin, who sees every section; the sign-in page is seen signed out. */
  signedIn: boolean;
  /** `request` is a context of its own (another person may sign in on it); `page` is the admin's. */
  path: (request: APIRequestContext, page: Page) => Promise<string> | string;
  /** Further states of the same page to check, in order: errors shown, a dialog open. */
  states?: { state: string; act: (page: Page) => Promise<void> }[];
};

/** A standard user with a device and the dashboard token their first visit gives them. */
async function userWithTokens(request: APIRequestContext): Promise<string> {
  const user = await createUser("STANDARD");
  await createDevice(user.id, "Shed sensor");
  await signInByApi(request, user);
  expect((await request.get("/")).status()).toBe(200);
  return user.id;
}

/** The admin's own device (an admin's device list is everyone's): its connection page makes a device token for it. */
async function ownDevice(page: Page): Promise<string> {
  const me = (await (await page.request.get("/api/auth/session")).json()) as { user?: { id?: string } };
  if (!me.user?.id) throw new Error("No signed-in admin to own the device");
  return (await createDevice(me.user.id, "Porch light")).id;
}

const TARGETS: Target[] = [
  { name: "the sign-in page", signedIn: false, path: () => "/login" },
  { name: "the homepage", signedIn: true, path: () => "/" },
  { name: "a device page", signedIn: true, path: () => SEEDED_DEVICE },
  {
    name: "the token settings page",
    signedIn: true,
    path: () => "/settings/tokens",
    states: [
      {
        state: "with the create form's errors",
        act: async (page) => {
          await page.getByRole("region", { name: "Create a token" }).getByRole("button", { name: "Create token" }).click();
          await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        },
      },
      {
        state: "with a new token shown once",
        act: async (page) => {
          const form = page.getByRole("region", { name: "Create a token" });
          await form.getByLabel("Name", { exact: true }).fill("Backup script");
          await form.getByLabel("devices:read", { exact: true }).check();
          await form.getByRole("button", { name: "Create token" }).click();
          await expect(page.getByRole("dialog")).toBeVisible();
        },
      },
    ],
  },
  { name: "the users page", signedIn: true, path: () => "/admin/users" },
  { name: "the admin overview", signedIn: true, path: () => "/admin" },
  { name: "the policies page", signedIn: true, path: () => "/admin/policies" },
  { name: "the audit log", signedIn: true, path: () => "/admin/audit" },
  { name: "the usage page", signedIn: true, path: () => "/admin/usage" },
  { name: "the alerts page", signedIn: true, path: () => "/admin/alerts?status=all" },
  { name: "the notifications page", signedIn: true, path: () => "/notifications" },
  { name: "the password page", signedIn: true, path: () => "/settings/password" },
  { name: "the API docs", signedIn: true, path: () => "/docs/api" },
  { name: "the add-device page", signedIn: true, path: () => "/devices/new" },
  { name: "a device's connection page", signedIn: true, path: async (_, page) => `/devices/${await ownDevice(page)}/connect` },
  {
    name: "a user's token page",
    signedIn: true,
    path: async (request) => `/admin/users/${await userWithTokens(request)}/tokens`,
    states: [
      {
        state: "after a rotation with grace, with a confirmation dialog open",
        act: async (page) => {
          await page.getByLabel(/Grace period/).first().selectOption("1");
          await page.getByRole("button", { name: /^Rotate / }).first().click();
          await expect(page.getByText("Grace", { exact: true })).toBeVisible();
          await page.getByRole("button", { name: "Revoke all tokens" }).click();
          await expect(page.getByRole("dialog")).toBeVisible();
        },
      },
    ],
  },
];

/** One line per failing element: rule, impact, selector, markup and axe's reason (contrast ratios included). */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map((node) => {
        const why = (node.failureSummary ?? "").split("\n").slice(1).map((line) => line.trim()).join(" ");
        return `${v.id} (${v.impact}) at ${node.target.join(" ")} ${node.html.slice(0, 120)}: ${v.help}. ${why}`;
      }),
    )
    .join("\n");
}

async function expectNoSeriousViolations(page: Page, where: string) {
  // A live page re-renders every 2 s in the e2e server (and streams its title back in): hold it
  // still, so that axe reads one whole page.
  const pause = page.getByRole("button", { name: "Pause live updates" });
  if (await pause.count()) await pause.click();
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => v.id), `serious or critical axe violations on ${where}:\n${describeViolations(serious)}`).toEqual([]);
}

/**
 * Checks the page as it is in each theme, switched through the system's colour scheme (the app
 * follows it until the person picks a theme): one visit, and one set of states, for both.
 */
async function expectNoSeriousViolationsInEitherTheme(page: Page, where: string) {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    await expectNoSeriousViolations(page, `${where} (${theme})`);
  }
}

for (const target of TARGETS) {
  test(`axe finds no serious violation on ${target.name}, in either theme`, async ({ page, request }) => {
    // axe reads every element's colours, twice: the homepage's full fleet takes it a while on two cores.
    test.setTimeout(3 * MINUTE_MS);
    if (target.signedIn) await signedInAs(page, "ADMIN");
    const path = await target.path(request, page);
    expect((await page.goto(path))?.status(), path).toBe(200);
    await page.waitForLoadState("networkidle");
    await expectNoSeriousViolationsInEitherTheme(page, path);
    for (const { state, act } of target.states ?? []) {
      await act(page);
      await expectNoSeriousViolationsInEitherTheme(page, `${path} ${state}`);
    }
  });
}

type Focused = { text: string; tag: string; href: string | null; inMain: boolean; indicator: boolean; visible: boolean };

/** What has the keyboard focus, and whether it shows: the app marks focus with an outline (globals.css). */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { text: "(body)", tag: "body", href: null, inMain: false, indicator: false, visible: false };
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const label = el.getAttribute("aria-label") ?? (el.innerText || el.getAttribute("name") || el.id);
    return {
      text: label.trim().slice(0, 60),
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute("href"),
      inMain: Boolean(el.closest("main")),
      indicator: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && style.outlineColor !== "rgba(0, 0, 0, 0)",
      visible: box.width >= 2 && box.height >= 2 && box.right > 0 && box.left < window.innerWidth,
    };
  });
}

/** Tabs through the page until `reached` says so, checking that every stop on the way shows its focus. */
async function tabUntil(page: Page, reached: (stop: Focused) => boolean, limit = 60): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const stop = await focused(page);
    stops.push(stop);
    const where = `tab stop ${i + 1} (${stop.tag} "${stop.text}"): focus outline ${stop.indicator ? "shown" : "missing"}, ${stop.visible ? "on" : "off"} screen`;
    expect(stop.indicator && stop.visible, where).toBe(true);
    if (reached(stop)) return stops;
  }
  throw new Error(`never reached after ${limit} tab stops: ${stops.map((s) => `${s.tag} "${s.text}"`).join(", ")}`);
}

const NARROW = [
  {
    name: "the homepage",
    path: "/",
    // Past the skip link, the first device's link.
    reaches: [(stop: Focused) => stop.tag === "a" && Boolean(stop.href?.startsWith("/devices/"))],
  },
  {
    name: "a device page",
    path: SEEDED_DEVICE,
    // The device's own controls: renaming it and deleting it.
    reaches: [(stop: Focused) => stop.tag === "button" && /^Rename/.test(stop.text), (stop: Focused) => stop.text === "Delete device"],
  },
];

for (const target of NARROW) {
  test(`at 360 px ${target.name} fits the screen and the keyboard reaches its controls`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signedInAs(page, "ADMIN");
    expect((await page.goto(target.path))?.status()).toBe(200);
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => {
      const root = document.scrollingElement!;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
    expect(overflow.scrollWidth, `no horizontal scrolling at 360 px (${JSON.stringify(overflow)})`).toBeLessThanOrEqual(overflow.clientWidth);

    // The first stop is the skip link; following it starts the next Tab inside the main content.
    const [skip] = await tabUntil(page, () => true, 1);
    expect(skip!.text).toBe("Skip to content");
    // (No check of the URL's #main: the live page's refresh may put its own URL back.)
    await page.keyboard.press("Enter");
    const stops: Focused[] = [];
    for (const reached of target.reaches) stops.push(...(await tabUntil(page, reached)));
    expect(stops.filter((stop) => !stop.inMain), "tab stops between the skip link and the controls, outside <main>").toEqual([]);
  });
}
