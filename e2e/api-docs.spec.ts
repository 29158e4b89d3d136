// The API reference in the product (issue 14): /docs/api shows every route of the OpenAPI
// document the API serves, with its scope and an example; the main navigation links to it; it fits
// a 390 px phone, stays axe-clean in both themes, and adds no chart-sized script to any page.
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO_DEVICES } from "../prisma/seed-data";
import { expect, signedInAs, test } from "./fixtures";

type Operation = { operationId: string; "x-scopes": string[]; responses: Record<string, { headers?: Record<string, unknown> }> };
type Script = { path: string; bytes: number; recharts: boolean };

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/**
 * The homepage's scripts, gzipped, measured the same way on the build before the reference existed
 * (b15d189): 152,095 bytes in 9 scripts. Recharts alone adds about 110 kB (DESIGN.md), so a budget
 * some 18% above the measure leaves room for small features and still catches a chart library, or
 * the reference's own code, pulled into every page.
 */
const HOMEPAGE_SCRIPT_BUDGET = 180_000;
/** A device of the demo seed: its page draws charts, so its scripts must show Recharts to the detector. */
const SEEDED_DEVICE = `/devices/${DEMO_DEVICES[0]!.id}`;

/** Every script a page loads, with its transfer size and whether it holds Recharts' code. */
/** Opens the reference, which must be there: a check of a 404 page would pass for nothing. */
async function openReference(page: Page) {
  expect((await page.goto("/docs/api"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
}

async function scriptsOf(page: Page, path: string): Promise<Script[]> {
  const pending: Promise<Script>[] = [];
  const listener = (response: import("@playwright/test").Response) => {
    if (response.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        const body = await response.body();
        // Gzipped here rather than read off the wire, where a script from the cache counts nothing.
        // Recharts' class names survive minification: every chart it draws is a .recharts-wrapper.
        return { path: new URL(response.url()).pathname, bytes: gzipSync(body).length, recharts: body.toString("latin1").includes("recharts-wrapper") };
      })(),
    );
  };
  page.on("response", listener);
  // A 404 page would measure nothing of the page asked for.
  expect((await page.goto(path))?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  page.off("response", listener);
  return Promise.all(pending);
}

async function openApiOperations(page: Page): Promise<{ method: string; path: string; op: Operation }[]> {
  const response = await page.request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = (await response.json()) as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
}

test("every route of /api/v1/openapi.json is on the page with its scopes, an example and its errors", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signedInAs(page, "STANDARD");
  const operations = await openApiOperations(page);
  expect(operations.length).toBeGreaterThan(10);
  expect((await page.goto("/docs/api"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const toc = page.getByRole("navigation", { name: "On this page" });
  // Read once, checked here: a locator per fact for two dozen routes is minutes on a busy machine.
  const shown = await page.getByTestId("api-route").evaluateAll((articles) =>
    articles.map((article) => {
      const text = (selector: string) => (article.querySelector(selector)?.textContent ?? "").replace(/\s+/g, " ").trim();
      const figure = (caption: string) => [...article.querySelectorAll("figure")].find((f) => f.querySelector("figcaption")?.textContent === caption)?.querySelector("pre")?.textContent ?? "";
      return {
        id: article.id,
        heading: text("h3"),
        scopes: [...article.querySelectorAll("[data-testid=route-scopes] code")].map((code) => code.textContent),
        scopesText: text("[data-testid=route-scopes]"),
        request: figure("Example request"),
        response: figure("Example response"),
        errors: [...article.querySelectorAll("[data-testid=route-errors] li")].map((li) => (li.textContent ?? "").replace(/\s+/g, " ").trim()),
        inToc: document.querySelectorAll(`nav[aria-label="On this page"] a[href="#${article.id}"]`).length,
      };
    }),
  );
  expect(shown.map((route) => route.id).sort()).toEqual(operations.map(({ op }) => op.operationId).sort());

  for (const { method, path, op } of operations) {
    const route = shown.find((r) => r.id === op.operationId)!;
    const label = `${method} ${path}`;
    expect(route.heading, label).toBe(`${method}${path}`);
    expect(route.scopes, label).toEqual(op["x-scopes"]);
    if (op["x-scopes"].length === 0) expect(route.scopesText, label).toContain("Any valid token");
    expect(route.request, label).toContain(`curl${method === "GET" ? "" : ` -X ${method}`} "${baseURL}/api/v1`);
    expect(route.request, label).toContain('-H "Authorization: Bearer $GATEHOUSE_TOKEN"');
    expect(route.response, label).toMatch(/^HTTP\/1.1 2\d\d/);
    const statuses = Object.keys(op.responses).filter((status) => !status.startsWith("2"));
    expect(route.errors.map((error) => error.split(" ")[0]), label).toEqual(statuses);
    expect(route.errors.find((error) => error.startsWith("429")), label).toContain("Retry-After");
    expect(route.inToc, label).toBe(1);
  }
  await expect(toc).toBeVisible();

  // The introduction: where tokens come from, and the raw document.
  await expect(page.getByRole("link", { name: "your tokens page" })).toHaveAttribute("href", "/settings/tokens");
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");
  await expect(page.getByRole("figure").filter({ hasText: "A rate-limited request" })).toContainText("Retry-After: 12");

  // A table-of-contents entry jumps to its route.
  const ingest = operations.find(({ op }) => op.operationId === "ingestTelemetry")!;
  await toc.locator(`a[href="#${ingest.op.operationId}"]`).click();
  await expect(page).toHaveURL(/#ingestTelemetry$/);
  await expect(page.locator("article#ingestTelemetry").getByRole("heading", { level: 3 })).toBeInViewport();
});

test("the main navigation links to the reference, which needs a session", async ({ page }) => {
  const anonymous = await page.request.get("/docs/api", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  expect(anonymous.headers().location).toMatch(/^\/login/);

  await signedInAs(page, "STANDARD");
  await page.goto("/");
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API", exact: true });
  await link.click();
  // The reference is a large page to render on a busy machine.
  await expect(page).toHaveURL("/docs/api", { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expect(link).toHaveAttribute("aria-current", "page");
  // A standard user sees which routes only an admin's token can call.
  await expect(page.locator("article#listUsers").getByText("Admin tokens only")).toBeVisible();
  await expect(page.locator("article#listDevices").getByText("Admin tokens only")).toHaveCount(0);
});

test("at 390 px nothing scrolls sideways, with every detail open", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signedInAs(page, "ADMIN");
  await openReference(page);
  await page.locator("details").evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(overflow.scroll, JSON.stringify(overflow)).toBeLessThanOrEqual(overflow.client);
  // No code block or field is wider than the screen either (they wrap rather than scroll).
  const wide = await page.locator("main pre, main li, main h3").evaluateAll((all) => all.filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).map((el) => el.textContent?.slice(0, 60)));
  expect(wide).toEqual([]);
});

test("the reference adds no script to the homepage and no chart code anywhere", async ({ page }) => {
  // An admin, who may open the seeded device whose charts prove that the detector sees Recharts.
  await signedInAs(page, "ADMIN");
  const charts = await scriptsOf(page, SEEDED_DEVICE);
  expect(charts.filter((s) => s.recharts).length, "the detector finds Recharts on a chart page").toBeGreaterThan(0);
  const home = await scriptsOf(page, "/");
  const docs = await scriptsOf(page, "/docs/api");
  const total = (scripts: Script[]) => scripts.reduce((sum, script) => sum + script.bytes, 0);
  const summary = { home: { count: home.length, bytes: total(home) }, docs: { count: docs.length, bytes: total(docs) } };
  test.info().annotations.push({ type: "scripts", description: JSON.stringify(summary) });
  expect(home.length).toBeGreaterThan(0);
  expect(home.filter((s) => s.recharts).map((s) => s.path), "Recharts on the homepage").toEqual([]);
  expect(docs.filter((s) => s.recharts).map((s) => s.path), "Recharts on the reference").toEqual([]);
  expect(total(home), JSON.stringify(summary)).toBeLessThanOrEqual(HOMEPAGE_SCRIPT_BUDGET);
  // The reference is a server component: beyond the shared app scripts the homepage already loads
  // (and the chunk of the page itself), it brings next to nothing.
  const homePaths = new Set(home.map((s) => s.path));
  const extra = docs.filter((s) => !homePaths.has(s.path));
  expect(total(extra), JSON.stringify(extra)).toBeLessThanOrEqual(8_000);
});

test("axe finds no serious violation on the reference, details open, in either theme", async ({ page }) => {
  test.setTimeout(120_000);
  await signedInAs(page, "STANDARD");
  await openReference(page);
  await page.locator("details").evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
  // The app follows the system's colour scheme until the person picks a theme: both in one visit.
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    const described = serious.flatMap((v) => v.nodes.map((node) => `${v.id} at ${node.target.join(" ")}: ${node.failureSummary ?? ""}`)).join("\n");
    expect(serious.map((v) => v.id), `${theme} theme:\n${described}`).toEqual([]);
  }
});
