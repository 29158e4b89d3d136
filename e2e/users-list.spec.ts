// The users page shows 50 people at a time, however many there are, and finds anyone by name or
// email, role and status, all kept in the URL (e2e/phone.spec.ts checks it on a phone).
import crypto from "node:crypto";
import { expect, hydrated, signedInAs, test } from "./fixtures";
import { query } from "./db";

/**
 * 55 people named with one tag, invited (no password): 2 admins first in the list, then 53
 * standard users by email, of whom the last is disabled. Straight into the database: hashing 55
 * passwords would take longer than the rest of the test.
 */
async function createTeam() {
  const tag = crypto.randomUUID().slice(0, 8);
  const emails: string[] = [];
  const now = new Date();
  for (let n = 1; n <= 55; n++) {
    const email = `team-${tag}-${String(n).padStart(2, "0")}@e2e.gatehouse.local`;
    emails.push(email);
    await query('INSERT INTO "User" ("id","email","name","passwordHash","role","disabledAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)', [
      crypto.randomUUID(),
      email,
      `Team ${tag} member ${n}`,
      null,
      n <= 2 ? "ADMIN" : "STANDARD",
      n === 55 ? now : null,
      now,
      now,
    ]);
  }
  return { tag, emails };
}

test("the users page shows 50 at a time, and the search, role and status filters find anyone, in the URL", async ({ page }) => {
  await signedInAs(page, "ADMIN");
  const team = await createTeam();
  await page.goto("/admin/users");
  await hydrated(page);
  const count = page.getByTestId("user-count");
  const rows = page.getByRole("region", { name: "Users" }).getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(count).toHaveText(/^Showing 1–50 of [\d,]+ users$/);
  await expect(rows).toHaveCount(50);

  // Typing the tag finds all 55 across two pages; the pager keeps the search.
  const search = page.getByRole("search", { name: "Users" });
  await search.getByLabel("Search").fill(team.tag.toUpperCase());
  await expect(page).toHaveURL(`/admin/users?q=${team.tag.toUpperCase()}`);
  await expect(count).toHaveText(/^Showing 1–50 of 55 matching, [\d,]+ in all$/);
  await expect(rows.first()).toContainText(team.emails[0]!);
  const pager = page.getByRole("navigation", { name: "Pages" });
  await pager.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(`/admin/users?q=${team.tag.toUpperCase()}&page=2`);
  await expect(count).toHaveText(/^Showing 51–55 of 55 matching/);
  await expect(rows).toHaveCount(5);
  await expect(rows.last()).toContainText(team.emails[54]!);
  await expect(rows.last()).toContainText("Disabled");

  // A filter starts again at page 1; each narrows the same search.
  await search.getByLabel("Role").selectOption("ADMIN");
  await expect(page).toHaveURL(`/admin/users?q=${team.tag.toUpperCase()}&role=ADMIN`);
  await expect(count).toHaveText(/^Showing 1–2 of 2 matching/);
  await expect(pager).toHaveCount(0);
  await search.getByLabel("Role").selectOption("all");
  await search.getByLabel("Status").selectOption("disabled");
  await expect(count).toHaveText(/^Showing 1 of 1 matching/);
  await expect(rows).toHaveCount(1);
  await search.getByLabel("Status").selectOption("invited");
  await expect(count).toHaveText(/^Showing 1–50 of 54 matching/);

  // A search that finds no one says so, and clears back to everyone.
  await search.getByLabel("Search").fill(`${team.tag}-nobody`);
  await expect(page.getByTestId("no-match")).toContainText("No users match this search.");
  await expect(count).toHaveText(/^None of [\d,]+ users match$/);
  await page.getByTestId("no-match").getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL("/admin/users");
  await expect(search.getByLabel("Search")).toHaveValue("");
  await expect(rows).toHaveCount(50);
});

test("a page past the end shows the last page, and any query is taken without an error", async ({ page }) => {
  await signedInAs(page, "ADMIN");
  const team = await createTeam();
  const response = await page.goto(`/admin/users?q=${team.tag}&page=999999999`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("user-count")).toHaveText(/^Showing 51–55 of 55 matching/);
  for (const q of ["%", "_", "%25", "'%20OR%201=1--", "a".repeat(300), "%F0%9F%94%91"]) {
    for (const extra of ["", "&role=ROOT", "&status=%00", "&page=-1", "&role[]=x"]) {
      const answer = await page.request.get(`/admin/users?q=${q}${extra}`);
      expect(answer.status(), `q=${q}${extra}`).toBeLessThan(500);
    }
  }
  // % and _ are themselves, not wildcards: no name or email of the team holds them.
  await page.goto(`/admin/users?q=${team.tag}%25`);
  await expect(page.getByTestId("no-match")).toBeVisible();
});

