// /admin/audit: the chain's state, filtering, the export, who may reach it, and a phone's width.
import fs from "node:fs";
import { createUser, expect, signInByApi, signedInAs, test } from "./fixtures";

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

test("an admin filters the log, sees their own sign-in, and exports what the filter shows", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  // A second sign-in: the filter below must show both, and no one else's.
  await signInByApi(page.request, admin);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("chain-status")).toContainText(/Chain intact: [\d,]+ records?, head [0-9a-f]{8}…/);

  const search = page.getByRole("search", { name: "Audit records" });
  await search.getByLabel("Actor").fill(admin.email);
  await search.getByLabel("Action").fill("user.signed_in");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=user\.signed_in/);
  const rows = page.getByRole("region", { name: "Audit records" }).getByRole("row").filter({ hasText: "user.signed_in" });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(admin.email);
  await expect(rows.first()).toContainText("success");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^gatehouse-audit-\d{8}T\d{6}Z\.csv$/);
  const [header, ...records] = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
  expect(header).toEqual(["id", "at", "actorType", "actorId", "actorEmail", "tokenId", "action", "targetType", "targetId", "ip", "userAgent", "outcome", "detail", "hash"]);
  expect(records).toHaveLength(2);
  for (const record of records) expect(record.slice(2, 7)).toEqual(["user", admin.id, admin.email, "", "user.signed_in"]);

  // NDJSON of the same filter: the same records; the export is a file that no cache keeps.
  const exported = await page.request.get(`/admin/audit/export?format=ndjson&actor=${encodeURIComponent(admin.email)}&action=user.`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename="gatehouse-audit-.+\.ndjson"$/);
  expect(exported.headers()["cache-control"]).toContain("no-store");
  const lines = (await exported.text()).trim().split("\n").map((line) => JSON.parse(line) as { action: string; actorId: string });
  expect(lines.filter((line) => line.action === "user.signed_in")).toHaveLength(2);
  expect(lines.every((line) => line.actorId === admin.id && line.action.startsWith("user."))).toBe(true);

  // The exports were themselves recorded.
  await page.goto(`/admin/audit?actor=${encodeURIComponent(admin.email)}&action=audit.exported`);
  await expect(page.getByRole("region", { name: "Audit records" }).getByRole("row").filter({ hasText: "audit.exported" })).toHaveCount(2);
});

test("a filter the page cannot read is a form error, not a failure", async ({ page }) => {
  await signedInAs(page, "ADMIN");
  const response = await page.goto("/admin/audit?from=yesterday&outcome=bogus&action=DROP%20TABLE");
  expect(response?.status()).toBe(200);
  await expect(page.locator("#audit-from-error")).toContainText("A date and time such as");
  await expect(page.getByLabel("Outcome")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#audit-action-error")).not.toBeEmpty();
  await expect(page.getByText("Correct the filter to see records.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  const exported = await page.request.get("/admin/audit/export?format=xlsx");
  expect(exported.status()).toBe(400);
  expect(exported.headers()["content-type"]).toBe("application/problem+json");
});

test("a Standard user reaches neither the page nor the export, and neither does a stranger", async ({ page, playwright, baseURL }) => {
  const admin = await createUser("ADMIN");
  await signInByApi(page.request, admin);
  await signedInAs(page, "STANDARD");
  await page.goto("/admin/audit");
  await expect(page).toHaveURL("/");
  for (const format of ["csv", "ndjson"]) {
    const response = await page.request.get(`/admin/audit/export?format=${format}`);
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    const text = await response.text();
    expect(text).not.toContain(admin.email);
    expect(text).not.toMatch(/signed_in|actorId|hash/);
  }
  const stranger = await playwright.request.newContext({ baseURL });
  try {
    const response = await stranger.get("/admin/audit/export?format=csv", { maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain(admin.email);
  } finally {
    await stranger.dispose();
  }
});

test("at 390 px the records are cards and the page never scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const admin = await signedInAs(page, "ADMIN");
  await page.goto(`/admin/audit?actor=${encodeURIComponent(admin.email)}`);
  const cards = page.getByRole("list", { name: "Audit records" });
  await expect(cards.getByRole("listitem").first()).toContainText("user.signed_in");
  await expect(page.getByRole("region", { name: "Audit records" })).toBeHidden();
  await cards.getByRole("listitem").first().locator("summary").click();
  await expect(cards.getByRole("listitem").first().getByText(/hash [0-9a-f]{64}/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("Older and Newer page through the filtered records, keeping the filter", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  for (let i = 0; i < 2; i++) await signInByApi(page.request, admin);
  await page.goto(`/admin/audit?actor=${encodeURIComponent(admin.email)}&action=user.signed_in&limit=2`);
  const ids = () => page.getByRole("region", { name: "Audit records" }).locator("tr[data-record-id]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-record-id")));
  const pager = page.getByRole("navigation", { name: "Pages" });
  const first = await ids();
  expect(first).toHaveLength(2);
  await pager.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/cursor=\d+/);
  await expect(page).toHaveURL(/action=user\.signed_in/);
  await expect(pager.getByRole("link", { name: "Newest" })).toBeVisible();
  await expect(pager.getByRole("link", { name: "Older →" })).toHaveCount(0);
  const second = await ids();
  expect(second).toHaveLength(1);
  expect(first).not.toContain(second[0]);
  await pager.getByRole("link", { name: "← Newer" }).click();
  await expect(page).toHaveURL(/after=\d+/);
  await expect.poll(ids).toEqual(first);
  await expect(pager.getByRole("link", { name: "← Newer" })).toHaveCount(0);
});
