// E2E fixtures: people and devices are created in the database directly, and sessions come from the
// auth API rather than the form (only e2e/sign-in.spec.ts uses the form).
import crypto from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { findLeaks, forbiddenStrings, recordResponses } from "./leak-scanner";
import { query } from "./db";

export type TestUser = { id: string; email: string; name: string; password: string; role: "ADMIN" | "STANDARD" };

export async function createUser(role: TestUser["role"], options: { disabled?: boolean; databaseUrl?: string } = {}): Promise<TestUser> {
  const id = crypto.randomUUID();
  const password = crypto.randomBytes(12).toString("base64url");
  const tag = id.slice(0, 8);
  const user = { id, email: `${role.toLowerCase()}-${tag}@e2e.gatehouse.local`, name: `${role === "ADMIN" ? "Admin" : "Standard"} ${tag}`, password, role };
  const now = new Date();
  await query(
    'INSERT INTO "User" ("id","email","name","passwordHash","role","disabledAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?)',
    [id, user.email, user.name, await hashPassword(password), role, options.disabled ? now : null, now, now],
    options.databaseUrl,
  );
  return user;
}

export async function createDevice(
  ownerId: string,
  name = `Device ${crypto.randomUUID().slice(0, 8)}`,
  options: { enabled?: boolean; location?: string } = {},
): Promise<{ id: string; name: string }> {
  const id = crypto.randomUUID();
  const now = new Date();
  await query(
    'INSERT INTO "Device" ("id","ownerId","name","kind","location","enabled","lastSeenAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?)',
    [id, ownerId, name, "thermostat", options.location ?? "Test bench", options.enabled !== false, now, now, now],
  );
  return { id, name };
}

export async function setDisabled(userId: string, disabled: boolean): Promise<void> {
  await query('UPDATE "User" SET "disabledAt" = ? WHERE "id" = ?', [disabled ? new Date() : null, userId]);
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
 * Waits until React has hydrated the signed-in page: a click before that is a full page load, which
 * shows none of the client's behaviour (the route progress bar, a form's own checks). The theme
 * select is a client component rendered disabled until it hydrates.
 */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.getByTestId("theme-select").first()).toBeEnabled();
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
