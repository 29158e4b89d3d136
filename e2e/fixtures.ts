// E2E fixtures: people and devices are created in the database directly, and sessions come from the
// auth API rather than the form (only e2e/sign-in.spec.ts uses the form).
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { findLeaks, forbiddenStrings, recordResponses } from "./leak-scanner";
import { databaseFile, resolveDatabaseUrl } from "../lib/sqlite";

export type TestUser = { id: string; email: string; name: string; password: string; role: "ADMIN" | "STANDARD" };

/** The e2e server's SQLite file, opened directly, as the seed and the app's own jobs would write it. */
export function openDb(databaseUrl = process.env.E2E_DATABASE_URL) {
  const file = databaseFile(resolveDatabaseUrl(databaseUrl));
  if (!file) throw new Error("E2E_DATABASE_URL must name a SQLite file");
  return new Database(file, { timeout: 5_000 });
}

/** Runs `work` on the e2e database and closes it. */
export function withDb<T>(work: (db: Database.Database) => T): T {
  const db = openDb();
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export async function createUser(role: TestUser["role"], options: { disabled?: boolean; databaseUrl?: string } = {}): Promise<TestUser> {
  const id = crypto.randomUUID();
  const password = crypto.randomBytes(12).toString("base64url");
  const tag = id.slice(0, 8);
  const user = { id, email: `${role.toLowerCase()}-${tag}@e2e.gatehouse.local`, name: `${role === "ADMIN" ? "Admin" : "Standard"} ${tag}`, password, role };
  const db = openDb(options.databaseUrl);
  try {
    const now = Date.now();
    db.prepare(
      'INSERT INTO "User" ("id","email","name","passwordHash","role","disabledAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)',
    ).run(id, user.email, user.name, await hashPassword(password), role, options.disabled ? now : null, now, now);
  } finally {
    db.close();
  }
  return user;
}

export function createDevice(
  ownerId: string,
  name = `Device ${crypto.randomUUID().slice(0, 8)}`,
  options: { enabled?: boolean; location?: string } = {},
): { id: string; name: string } {
  const id = crypto.randomUUID();
  const db = openDb();
  try {
    const now = Date.now();
    db.prepare(
      'INSERT INTO "Device" ("id","ownerId","name","kind","location","enabled","lastSeenAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?)',
    ).run(id, ownerId, name, "thermostat", options.location ?? "Test bench", options.enabled === false ? 0 : 1, now, now, now);
  } finally {
    db.close();
  }
  return { id, name };
}

export function setDisabled(userId: string, disabled: boolean): void {
  const db = openDb();
  try {
    db.prepare('UPDATE "User" SET "disabledAt" = ? WHERE "id" = ?').run(disabled ? Date.now() : null, userId);
  } finally {
    db.close();
  }
}

/**
 * Signs in through next-auth's credentials endpoint; the session cookie lands in the request's
 * context. `origin`: another server than the suite's (e2e/instances.spec.ts).
 */
export async function signInByApi(request: APIRequestContext, user: Pick<TestUser, "email" | "password">, origin = "") {
  const { csrfToken } = (await (await request.get(`${origin}/api/auth/csrf`)).json()) as { csrfToken: string };
  const response = await request.post(`${origin}/api/auth/callback/credentials`, {
    form: { csrfToken, email: user.email, password: user.password, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), "sign-in through the auth API").toBeLessThan(400);
}

export async function signedInAs(page: Page, role: TestUser["role"]): Promise<TestUser> {
  const user = await createUser(role);
  await signInByApi(page.request, user);
  return user;
}

/**
 * Every spec that uses this `test` has each response its browser receives scanned for tokens,
 * hashes, ciphertexts and secrets (see leak-scanner.ts); a leak fails the test it happened in.
 */
export const test = base.extend<{ leakScan: void }>({
  leakScan: [
    async ({ context }, use) => {
      const captured = recordResponses(context);
      await use();
      const leaks = findLeaks(await captured(), await forbiddenStrings());
      expect(leaks, "responses that reached the browser holding a secret").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
