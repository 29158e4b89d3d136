// Records every response a browser context receives and finds any that holds a token, a token
// hash, a ciphertext, a password hash, a set-password link's hash or a server secret. Used by every
// spec through the fixture in fixtures.ts.
import { compactDecrypt } from "jose";
import type { BrowserContext, Response } from "@playwright/test";
import { query } from "./db";

type Leak = { url: string; what: string };

type Captured = { url: string; method: string; isAction: boolean; text: string };

const TOKEN_PATTERN = /gth_(dsh|pat|dev)_[0-9A-Za-z]{36}/g;
const SECRETS = ["NEXTAUTH_SECRET", "TOKEN_PEPPER", "TOKEN_ENCRYPTION_KEY"] as const;

export function recordResponses(context: BrowserContext): () => Promise<Captured[]> {
  const pending: Promise<Captured | null>[] = [];
  context.on("response", (response) => pending.push(capture(response)));
  return async () => (await Promise.all(pending)).filter((c): c is Captured => c !== null);
}

async function capture(response: Response): Promise<Captured | null> {
  try {
    const request = response.request();
    const headers = Object.entries(await response.allHeaders())
      .filter(([name]) => name !== "set-cookie")
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n");
    let body = "";
    try {
      body = (await response.body()).toString("latin1");
    } catch {
      // Redirects and aborted loads have no body to read.
    }
    const isAction = request.method() === "POST" && Boolean(await request.headerValue("next-action"));
    return { url: response.url(), method: request.method(), isAction, text: `${headers}\n${body}` };
  } catch {
    // The page closed before the response could be read: it arrived after the test's last step.
    return null;
  }
}

/** The strings no response may hold: secrets from the environment and every token's stored forms. */
export async function forbiddenStrings(databaseUrl = process.env.E2E_DATABASE_URL): Promise<{ what: string; value: string }[]> {
  const env = SECRETS.map((name) => ({ what: name, value: process.env[`E2E_${name}`] ?? "" })).filter((s) => s.value);
  const key = Buffer.from(process.env.E2E_TOKEN_ENCRYPTION_KEY ?? "", "base64");
  const rows = await query<{ hash: string; ciphertext: string | null }>('SELECT "hash", "ciphertext" FROM "ApiToken"', [], databaseUrl);
  const stored = rows.flatMap((row) => [{ what: "a token hash", value: row.hash }, ...(row.ciphertext ? [{ what: "a token ciphertext", value: row.ciphertext }] : [])]);
  const plain = await Promise.all(
    rows.filter((row) => row.ciphertext).map(async (row) => ({ what: "a dashboard token", value: await decrypt(row.ciphertext!, key) })),
  );
  const passwords = (await query<{ value: string }>('SELECT "passwordHash" AS "value" FROM "User" WHERE "passwordHash" IS NOT NULL', [], databaseUrl)).map(
    ({ value }) => ({ what: "a password hash", value }),
  );
  const links = (await query<{ value: string }>('SELECT "hash" AS "value" FROM "PasswordLink"', [], databaseUrl)).map(({ value }) => ({ what: "a set-password link's hash", value }));
  return [...env, ...stored, ...plain.filter((p) => p.value), ...passwords, ...links];
}

async function decrypt(jwe: string, key: Buffer): Promise<string> {
  try {
    return new TextDecoder().decode((await compactDecrypt(jwe, key)).plaintext);
  } catch {
    return "";
  }
}

/**
 * Every leak among the captured responses. A personal or device token may appear only in the
 * response to the server action that issued it (the reveal-once dialog); a dashboard token never.
 */
export function findLeaks(captured: Captured[], forbidden: { what: string; value: string }[]): Leak[] {
  const leaks: Leak[] = [];
  for (const response of captured) {
    for (const { what, value } of forbidden) {
      if (response.text.includes(value)) leaks.push({ url: response.url, what });
    }
    for (const match of response.text.matchAll(TOKEN_PATTERN)) {
      if (match[1] === "dsh" || !response.isAction) leaks.push({ url: response.url, what: `a ${match[1]} token` });
    }
  }
  return leaks;
}
