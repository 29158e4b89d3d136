// A hostile sweep of what issue 11 added, as sqlmap or wapiti would make it: every new page, the
// export and the admin API with garbage in each query member and path segment, as an admin, a
// Standard user and no one; then the new forms with bad input. Nothing may answer 5xx, show a
// stack, a file path or the database's words, or leak a secret; a problem is problem+json.
import crypto from "node:crypto";
import http from "node:http";
import type { Locator, Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { generateToken, tokenHint } from "../lib/tokens/format";
import { query, queryOne } from "./db";
import { createUser, expect, signedInAs, signInByApi, test, type TestUser } from "./fixtures";
import { findLeaks, forbiddenStrings } from "./leak-scanner";

type Answer = { path: string; status: number; type: string; body: string; location: string };

/** A GET sent as raw HTTP, so that nothing normalises the path (`..`, `%2F`) on the way. */
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    // A connection a request (agent: false): reusing a kept-alive socket the server has just closed fails with "socket hang up".
    const request = http.request({ hostname, port, method: "GET", path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ path, status: response.statusCode ?? 0, type: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8"), location: String(response.headers.location ?? "") }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

/** What a failure may never show: a stack frame, an error's name, the ORM, the database, a path on the server. */
const TELLTALES = [/\bat \S+ \(|\n\s+at |\.(ts|js):\d+:\d+/, /\bError:/, /prisma/i, /SQLITE/, /node_modules/, /\/work\//];

const answers: Answer[] = [];

/** Sends every path, eight at a time, and checks each answer: never 5xx, nothing telling, problems typed. */
async function sweep(paths: string[], headers: Record<string, string>, expectStatus: (answer: Answer) => void = () => {}): Promise<Answer[]> {
  const all: Answer[] = [];
  for (let i = 0; i < paths.length; i += 8) all.push(...(await Promise.all(paths.slice(i, i + 8).map((path) => get(path, headers)))));
  for (const answer of all) {
    const label = `${answer.path.slice(0, 160)} → ${answer.status}: ${answer.body.slice(0, 200)}`;
    expect(answer.status, label).toBeGreaterThanOrEqual(200);
    expect(answer.status, label).toBeLessThan(500);
    for (const telltale of TELLTALES) expect(answer.body, label).not.toMatch(telltale);
    // proxy.ts refuses a NUL anywhere in the address before any page or route (lib/request-guard.ts).
    if (/%00/i.test(answer.path)) {
      expect(answer.status, label).toBe(400);
      if (answer.path.startsWith("/api/")) expect(answer.type, label).toBe("application/problem+json");
      continue;
    }
    if (answer.path.startsWith("/api/") || answer.path.startsWith("/admin/audit/export")) {
      if (answer.status >= 400) expect(answer.type, label).toBe("application/problem+json");
    }
    expectStatus(answer);
  }
  answers.push(...all);
  return all;
}

test.afterEach(async () => {
  const leaks = findLeaks(answers.splice(0).map((a) => ({ url: a.path.slice(0, 120), method: "GET", isAction: false, text: a.body })), await forbiddenStrings());
  expect(leaks, "raw responses holding a secret").toEqual([]);
});

const enc = encodeURIComponent;
/** Query values, already in the form they take in a URL. */
const VALUES = [
  "", "%20", enc("'"), enc('" OR 1=1 --'), "%00", enc("a\u0000b"), "a".repeat(10_000), "1e309", "-1", "99999999999999999999", "NaN",
  "0x1F", "2026-13-45", "2026-02-30T10:00", enc("0000-01-01T00:00:00+23:59"), enc("9999-12-31T23:59:59-23:59"), "%ED%A0%80",
  "%C0%AF", "%", enc("ünïcødé 日本 🙂"), enc("<script>alert(1)</script>"), enc("../../etc/passwd"), enc("token."), enc(`${"x".repeat(300)}@example.com`), "__proto__",
];

/** A third of them, for what shares its parsing with a page swept in full. */
const FEW = VALUES.filter((_, i) => i % 3 === 0);

/** Each member with each value, a repeated member, and the array spellings a PHP-minded scanner tries. */
function probes(path: string, members: string[], values = VALUES): string[] {
  const at = path.includes("?") ? `${path}&` : `${path}?`;
  const out = members.flatMap((m) => [...values.map((v) => `${at}${m}=${v}`), `${at}${m}=1&${m}=2`, `${at}${m}[]=1`, `${at}${m}[0]=a&${m}[1]=b`]);
  return [...out, `${at}unknown=1`, `${at}__proto__=x`, `${at}constructor[prototype]=x`];
}

const AUDIT_MEMBERS = ["from", "to", "actor", "action", "target", "targetType", "outcome", "cursor", "after", "limit"];
/** Path segments for the token and set-password pages. */
const SEGMENTS = ["%20", "%2F", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a".repeat(10_000), enc("' OR 1=1 --"), "%00", "%ED%A0%80", enc("日本🙂"), "1e309", "-1", enc("<script>"), "A".repeat(43), "_".repeat(43)];

function cookieOf(state: { cookies: { name: string; value: string }[] }): string {
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

async function sessionOf(request: Parameters<typeof signInByApi>[0], role: TestUser["role"]): Promise<{ user: TestUser; headers: Record<string, string> }> {
  const user = await createUser(role);
  await signInByApi(request, user);
  return { user, headers: { cookie: cookieOf(await request.storageState()) } };
}

/** A working personal token, stored as the server stores one: its HMAC under the run's pepper. */
async function insertToken(userId: string, scopes: string): Promise<{ id: string; token: string }> {
  const id = crypto.randomUUID();
  const token = generateToken("PERSONAL");
  const hash = crypto.createHmac("sha256", process.env.E2E_TOKEN_PEPPER!).update(token).digest("base64url");
  const { prefix, last4 } = tokenHint(token);
  const now = Date.now();
  await query('INSERT INTO "ApiToken" ("id","userId","kind","name","scopes","hash","prefix","last4","createdAt","expiresAt") VALUES (?,?,\'PERSONAL\',?,?,?,?,?,?,?)', [
    id,
    userId,
    `Hostile ${id.slice(0, 6)}`,
    scopes,
    hash,
    prefix,
    last4,
    new Date(now),
    new Date(now + 30 * 86_400_000),
  ]);
  return { id, token };
}

test.describe.configure({ mode: "parallel" });

test("the audit page and its export take any query as an admin", async ({ request }) => {
  test.setTimeout(90_000);
  const { headers } = await sessionOf(request, "ADMIN");
  await sweep(probes("/admin/audit", AUDIT_MEMBERS), headers, (a) => expect(a.status, a.path.slice(0, 120)).toBe(200));
  const formats = ["csv", "ndjson", "xml", "", "CSV", enc("csv\u0000"), "csv&format=xml"];
  const exports = [...formats.map((f) => `/admin/audit/export?format=${f}`), ...probes("/admin/audit/export?format=ndjson", AUDIT_MEMBERS, FEW)];
  await sweep(exports, headers, (a) => expect([200, 400], a.path.slice(0, 120)).toContain(a.status));
});

test("the usage, alerts, users, policies, notifications and password pages take any query as an admin", async ({ request }) => {
  test.setTimeout(90_000);
  const { headers } = await sessionOf(request, "ADMIN");
  await sweep(probes("/admin/usage", ["range", "user", "route"]), headers, (a) => expect(a.status).toBe(200));
  await sweep(probes("/admin/alerts", ["status", "page"]), headers, (a) => expect(a.status).toBe(200));
  for (const path of ["/admin", "/admin/users", "/admin/policies", "/notifications", "/settings/password"]) {
    await sweep(probes(path, ["page"], FEW), headers, (a) => expect(a.status).toBe(200));
  }
});

test("token, user-token and set-password pages take any path segment", async ({ request }) => {
  const { user, headers } = await sessionOf(request, "ADMIN");
  const own = await insertToken(user.id, "devices:read");
  const tokenPaths = [...SEGMENTS.map((s) => `/tokens/${s}`), ...probes(`/tokens/${own.id}`, ["range"])];
  await sweep(tokenPaths, headers, (a) => expect([200, 400, 404], a.path.slice(0, 120)).toContain(a.status));
  await sweep(SEGMENTS.map((s) => `/admin/users/${s}/tokens`), headers, (a) => expect([400, 404], a.path.slice(0, 120)).toContain(a.status));
  // The link's page is public: the same for everyone, and it names no one.
  for (const who of [headers, {}]) {
    // Not `..`: a dot segment, which takes the request to the homepage before any route sees it.
    await sweep(SEGMENTS.filter((s) => s !== "%2e%2e").map((s) => `/set-password/${s}`), who, (a) => {
      expect([200, 400, 404], a.path.slice(0, 120)).toContain(a.status);
      if (a.status === 200) expect(a.body, a.path.slice(0, 120)).toContain("This link cannot be used");
    });
  }
});

test("a Standard user and no one are turned away from every new admin page, whatever the query", async ({ request }) => {
  const { user, headers } = await sessionOf(request, "STANDARD");
  const admin = await createUser("ADMIN");
  const theirs = await insertToken(admin.id, "devices:read");
  const adminPaths = ["/admin", "/admin/audit", "/admin/usage", "/admin/alerts", "/admin/users", "/admin/policies", `/admin/users/${admin.id}/tokens`].flatMap((p) => probes(p, ["from"], FEW));
  await sweep(adminPaths, headers, (a) => {
    expect(a.status, a.path.slice(0, 120)).toBe(307);
    expect(a.location).toBe("/");
  });
  await sweep(probes(`/tokens/${theirs.id}`, ["range"], FEW), headers, (a) => expect(a.status).toBe(404));
  for (const who of [headers, {}]) {
    await sweep(probes("/admin/audit/export", ["format", "actor"], FEW), who, (a) => {
      expect(a.status).toBe(404);
      expect(a.body).not.toContain(user.email);
    });
  }
  const signedOut = [...adminPaths.slice(0, 40), "/notifications?page=%00", "/settings/password?x=%ED%A0%80", `/tokens/${theirs.id}?range=%27`];
  await sweep(signedOut, {}, (a) => {
    expect(a.status, a.path.slice(0, 120)).toBe(307);
    expect(a.location).toMatch(/^\/login/);
  });
});

test("the admin API takes any query from an admin's token and gives nothing to a Standard one", async () => {
  test.setTimeout(90_000);
  const admin = await createUser("ADMIN");
  const standard = await createUser("STANDARD");
  const adminToken = await insertToken(admin.id, "audit:read users:admin tokens:admin devices:read");
  const bearer = { authorization: `Bearer ${adminToken.token}` };
  const ok = (a: Answer) => expect([200, 400], a.path.slice(0, 120)).toContain(a.status);
  await sweep(probes("/api/v1/audit", AUDIT_MEMBERS), bearer, ok);
  await sweep(probes("/api/v1/audit/verify", ["x", "limit"], VALUES.slice(0, 8)), bearer, ok);
  await sweep(probes("/api/v1/users", ["limit", "cursor"]), bearer, ok);
  await sweep(probes("/api/v1/tokens", ["limit", "cursor", "userId", "kind", "status"]), bearer, ok);

  // A Standard user's token is refused before its query is read, even one stored with audit:read.
  for (const scopes of ["devices:read", "audit:read users:admin tokens:admin"]) {
    const { token } = await insertToken(standard.id, scopes);
    const paths = ["/api/v1/audit", "/api/v1/audit/verify", "/api/v1/users", "/api/v1/tokens"].flatMap((p) => probes(p, ["limit", "cursor"], VALUES.slice(0, 10)));
    await sweep(paths, { authorization: `Bearer ${token}` }, (a) => {
      expect(a.status, a.path.slice(0, 120)).toBe(403);
      const members = Object.keys(JSON.parse(a.body) as object);
      expect(members).not.toContain("items");
      expect(members).not.toContain("data");
      expect(a.body).not.toContain(admin.email);
    });
  }
  await sweep(["/api/v1/audit?limit=%ED%A0%80", "/api/v1/users?cursor=%27"], { authorization: "Bearer gth_pat_' OR 1=1 --" }, (a) => expect(a.status).toBe(401));
});

/** Fails the test on any 5xx the browser sees, a server action's answer included. */
function watchForFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) failures.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
  });
  return failures;
}

/** Presses a form's button and waits for its server action's answer, so that what is checked next is this answer's. */
async function submit(button: Locator) {
  await Promise.all([button.page().waitForResponse((response) => response.request().method() === "POST"), button.click()]);
}

/** Types anything into a field, past the browser's own checks (number type, maxlength), as a script would. */
async function typeAnything(field: Locator, value: string) {
  await field.evaluate((input: HTMLInputElement) => {
    input.type = "text";
    input.removeAttribute("maxlength");
  });
  await field.fill(value);
}

const policyRow = () => queryOne('SELECT "maxLifetimeDays", "rotationIntervalDays", "gracePeriodHours", "idleDisableDays" FROM "Policy" WHERE "role" = \'STANDARD\'');
/** Users with any of these names or emails: other specs create users meanwhile, so not a count of all. */
async function usersLike(names: string[], emails: string[]): Promise<number> {
  const marks = (list: string[]) => list.map(() => "?").join(",");
  const sql = `SELECT count(*) AS n FROM "User" WHERE "name" IN (${marks(names)}) OR lower("email") IN (${marks(emails)})`;
  return (await queryOne<{ n: number }>(sql, [...names, ...emails.map((e) => e.toLowerCase())]))!.n;
}

test("the policy and new-user forms refuse garbage beside the field and change nothing", async ({ page }) => {
  const admin = await signedInAs(page, "ADMIN");
  const failures = watchForFailures(page);
  await page.goto("/admin/policies");
  const standard = page.getByRole("region", { name: "Standard", exact: true });
  const before = await policyRow();
  const cases: [field: string, value: string, error: RegExp][] = [
    ["Maximum lifetime (days)", "abc", /Enter a number/],
    ["Maximum lifetime (days)", "-5", /At least 1 day/],
    ["Maximum lifetime (days)", "1e9", /At most 90 days/],
    ["Maximum lifetime (days)", "999", /At most 90 days/],
    ["Maximum lifetime (days)", "1.5", /whole number/],
    ["Maximum lifetime (days)", "' OR 1=1 --", /Enter a number/],
    ["Rotation grace (hours)", "99999999999999999999", /whole number/],
    ["Rotation grace (hours)", "9999", /At most 168 hours/],
    ["Disable when idle for (days)", "NaN", /Enter a number/],
    ["Disable when idle for (days)", "", /./],
  ];
  for (const [label, value, error] of cases) {
    await page.reload();
    const field = standard.getByLabel(label);
    await typeAnything(field, value);
    await submit(standard.getByRole("button", { name: "Save the Standard policy" }));
    await expect(field, `${label} = ${value}`).toHaveAttribute("aria-invalid", "true");
    await expect(standard.locator(`[id="${await field.getAttribute("id")}-error"]`)).toContainText(error);
  }
  // The role is a hidden field: forged or removed, the form is refused as a whole.
  for (const role of ["ROOT", null]) {
    await page.reload();
    const hidden = standard.locator('input[name="role"]');
    await hidden.evaluate((input: HTMLInputElement, value) => (value === null ? input.remove() : (input.value = value)), role);
    await submit(standard.getByRole("button", { name: "Save the Standard policy" }));
    await expect(standard.getByText(/^Please correct the highlighted fields?\b/)).toBeVisible();
  }
  expect(await policyRow()).toEqual(before);

  await page.goto("/admin/users");
  const form = page.getByRole("region", { name: "New user" });
  const attempts: [name: string, email: string, field: "Name" | "Email", error: RegExp][] = [
    ["Someone", "not-an-email", "Email", /valid email/],
    ["Someone", "a@b", "Email", /valid email/],
    ["Someone", `${"x".repeat(250)}@example.com`, "Email", /At most 254/],
    ["Someone", "' OR 1=1 --@example.com", "Email", /valid email/],
    ["Twin", admin.email.toUpperCase(), "Email", /exists already/],
    ["n".repeat(10_000), "long-name@e2e.gatehouse.local", "Name", /At most 80/],
    ["   ", "blank-name@e2e.gatehouse.local", "Name", /Enter a name/],
  ];
  const userCount = () => usersLike(attempts.map(([name]) => name.trim()).filter(Boolean), attempts.map(([, email]) => email));
  const users = await userCount();
  for (const [name, email, field, error] of attempts) {
    await typeAnything(form.getByLabel("Name"), name);
    await typeAnything(form.getByLabel("Email"), email);
    await submit(form.getByRole("button", { name: "Create user" }));
    await expect(form.getByLabel(field), `${name.slice(0, 20)} ${email.slice(0, 40)}`).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText(error);
  }
  expect(await userCount()).toBe(users);
  expect(failures).toEqual([]);
});

test("the password forms and an alert's acknowledgement refuse garbage and change nothing", async ({ page }) => {
  const user = await signedInAs(page, "ADMIN");
  const failures = watchForFailures(page);
  const hashOf = () => queryOne('SELECT "passwordHash" FROM "User" WHERE "id" = ?', [user.id]);
  const hash = await hashOf();
  await page.goto("/settings/password");
  const change: [current: string, password: string, confirm: string, error: RegExp][] = [
    [`${user.password}-wrong`, "a brand new pass phrase", "a brand new pass phrase", /current password is not correct/],
    ["' OR 1=1 --", "a brand new pass phrase", "a brand new pass phrase", /current password is not correct/],
    [user.password, "short", "short", /At least 12 characters/],
    [user.password, "a brand new pass phrase", "another pass phrase", /two passwords differ/],
    [user.password, "p".repeat(1025), "p".repeat(1025), /At most 1024 characters/],
    ["", "a brand new pass phrase", "a brand new pass phrase", /Enter your current password/],
  ];
  for (const [current, password, confirm, error] of change) {
    await typeAnything(page.getByLabel("Current password"), current);
    await typeAnything(page.getByLabel("New password", { exact: true }), password);
    await typeAnything(page.getByLabel("New password again"), confirm);
    await submit(page.getByRole("button", { name: "Change password" }));
    await expect(page.locator("form"), current.slice(0, 20)).toContainText(error);
  }
  expect(await hashOf()).toEqual(hash);

  // An alert whose id is swapped for one that does not exist: a message, and the real one stays open.
  const alertId = `e2e${crypto.randomUUID().replaceAll("-", "")}`;
  await query('INSERT INTO "Alert" ("id","rule","key","severity","title","subjectType","subjectId","detail","createdAt") VALUES (?,?,?,?,?,?,?,?,?)', [
    alertId,
    "revoked-token-use",
    `e2e:${alertId}`,
    "high",
    `Hostile ${alertId}`,
    "address",
    "203.0.113.9",
    "{}",
    new Date(),
  ]);
  for (const forged of ["nope", "' OR 1=1 --", "x".repeat(10_000), ""]) {
    await page.goto("/admin/alerts");
    const card = page.getByTestId("alert").filter({ hasText: `Hostile ${alertId}` });
    await card.locator('input[name="alertId"]').evaluate((input: HTMLInputElement, value) => (input.value = value), forged);
    await submit(card.getByRole("button", { name: /^Acknowledge/ }));
    await expect(card.getByText(/No such alert|Please correct|characters/)).toBeVisible();
  }
  expect(await queryOne('SELECT "acknowledgedAt" FROM "Alert" WHERE "id" = ?', [alertId])).toEqual({ acknowledgedAt: null });
  expect(failures).toEqual([]);
});

test("the set-password form refuses bad passwords and the link still works afterwards", async ({ page }) => {
  await signedInAs(page, "ADMIN");
  const failures = watchForFailures(page);
  await page.goto("/admin/users");
  const form = page.getByRole("region", { name: "New user" });
  const tag = crypto.randomUUID().slice(0, 8);
  await form.getByLabel("Name").fill(`Hostile ${tag}`);
  await form.getByLabel("Email").fill(`hostile-${tag}@e2e.gatehouse.local`);
  await form.getByRole("button", { name: "Create user" }).click();
  const link = await page.getByRole("dialog").getByLabel("Link", { exact: true }).inputValue();
  await page.goto(link);
  const cases: [password: string, confirm: string, error: RegExp][] = [
    ["short", "short", /At least 12 characters/],
    ["a long pass phrase here", "a different pass phrase", /two passwords differ/],
    ["p".repeat(1025), "p".repeat(1025), /At most 1024 characters/],
    ["", "", /At least 12 characters|Enter a password/],
  ];
  for (const [password, confirm, error] of cases) {
    await typeAnything(page.getByLabel("New password", { exact: true }), password);
    await typeAnything(page.getByLabel("New password again"), confirm);
    await submit(page.getByRole("button", { name: "Set password" }));
    await expect(page.locator("form")).toContainText(error);
  }
  await page.reload();
  await expect(page.getByRole("button", { name: "Set password" })).toBeVisible();
  expect(await queryOne('SELECT "passwordHash" FROM "User" WHERE "email" = ?', [`hostile-${tag}@e2e.gatehouse.local`])).toEqual({ passwordHash: null });
  expect(failures).toEqual([]);
});
