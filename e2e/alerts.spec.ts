// /admin/alerts: an admin sees an alert and acknowledges it (one audit record), on a phone too; a
// Standard user is sent away. Alerts are inserted into the database, as the monitor would raise
// them: the monitor runs inside the server, where a spec cannot call it.
import crypto from "node:crypto";
import { query } from "./db";
import { expect, signedInAs, test } from "./fixtures";

async function insertAlert(fields: { severity: string; title: string; subjectType: string; subjectId: string; detail: Record<string, unknown> }) {
  const id = `e2e${crypto.randomUUID().replaceAll("-", "")}`;
  await query('INSERT INTO "Alert" ("id","rule","key","severity","title","subjectType","subjectId","detail","createdAt") VALUES (?,?,?,?,?,?,?,?,?)', [
    id,
    "revoked-token-use",
    `e2e:${id}`,
    fields.severity,
    fields.title,
    fields.subjectType,
    fields.subjectId,
    JSON.stringify(fields.detail),
    new Date(),
  ]);
  return id;
}

function auditRecordsFor(alertId: string) {
  return query<{ actorId: string; action: string }>('SELECT "actorId", "action" FROM "AuditEvent" WHERE "targetType" = \'alert\' AND "targetId" = ?', [alertId]);
}

test("an admin sees an alert, with its rule's figures and a link to its token, and acknowledges it", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  const tokenId = `tok${crypto.randomUUID().slice(0, 8)}`;
  const title = `Revoked token used ${crypto.randomUUID().slice(0, 8)}`;
  const id = await insertAlert({ severity: "critical", title, subjectType: "token", subjectId: tokenId, detail: { reason: "revoked", count: 3, route: "GET /devices" } });

  await page.goto("/admin/alerts");
  const card = page.getByTestId("alert").filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card.getByText("Critical")).toBeVisible();
  await expect(card.getByText("GET /devices")).toBeVisible();
  await expect(card.getByRole("link", { name: `Token ${tokenId}` })).toHaveAttribute("href", `/tokens/${tokenId}`);
  await expect(page.getByRole("heading", { name: "How alerts are raised" })).toBeVisible();

  await card.getByRole("button", { name: `Acknowledge: ${title}` }).click();
  await expect(card).toHaveCount(0);
  expect(await auditRecordsFor(id)).toEqual([{ actorId: admin.id, action: "alert.acknowledged" }]);

  await page.getByRole("link", { name: "Acknowledged", exact: true }).click();
  await expect(page).toHaveURL(/status=acknowledged/);
  await expect(page.getByTestId("alert").filter({ hasText: title })).toContainText(`Acknowledged by ${admin.name}`);
});

test("the alerts page fits a phone's width", async ({ page }) => {
  await signedInAs(page, "ADMIN");
  const subject = `2001:db8:${crypto.randomUUID().slice(0, 4)}:ffff:ffff:ffff:ffff:ffff`;
  const title = `42 refused API requests from ${subject} in 5 minutes`;
  await insertAlert({ severity: "warning", title, subjectType: "address", subjectId: subject, detail: { count: 42, threshold: 20, windowEnd: new Date().toISOString() } });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/alerts");
  await expect(page.getByTestId("alert").filter({ hasText: title })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a Standard user is sent away from /admin/alerts and sees no alert", async ({ page }) => {
  const title = `Secret alert ${crypto.randomUUID().slice(0, 8)}`;
  await insertAlert({ severity: "critical", title, subjectType: "address", subjectId: "203.0.113.9", detail: {} });
  await signedInAs(page, "STANDARD");
  const response = await page.goto("/admin/alerts?status=all");
  await expect(page).toHaveURL("/");
  expect(await response?.text()).not.toContain(title);
  await expect(page.getByText(title)).toHaveCount(0);
});
