// Rate limits counted in memory and shared through the database in batches: exact within one
// instance, and across two processes sharing the database within the bound README states.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { testDb } from "@/lib/testing/factories";
import { withinOneWindow } from "@/lib/testing/api-client";
import { countRequest, flushRateLimits } from "./rate-limit";
import { allowInserts, refuseInserts } from "@/lib/testing/refuse-inserts";

const run = promisify(execFile);
const uniqueKey = () => `test:${crypto.randomUUID()}`;
const stored = async (key: string, windowStart: number) =>
  (await testDb().rateLimit.findUnique({ where: { key_windowStart: { key, windowStart: new Date(windowStart) } } }))?.count ?? 0;

/** Another instance: a process of its own, counting `requests` against the limit, then flushing. */
async function otherInstance(key: string, max: number, requests: number): Promise<number> {
  const { stdout } = await run(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/testing/rate-limit-worker.ts", key, String(max), String(requests)], {
    env: process.env,
  });
  return Number(stdout.trim());
}

describe("rate limits in one instance", () => {
  it("admit exactly the limit, and answer with the seconds left in the window", async () => {
    const key = uniqueKey();
    const now = Date.UTC(2030, 0, 1, 12, 0, 15);
    const results: (number | null)[] = [];
    for (let i = 0; i < 7; i++) results.push(await countRequest([{ key, max: 5 }], now));
    expect(results.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(results.slice(5)).toEqual([45, 45]);
    // A new window starts from nothing.
    expect(await countRequest([{ key, max: 5 }], now + 60_000)).toBeNull();
  });

  it("write nothing per request, and share their counts in one statement a flush", async () => {
    const key = uniqueKey();
    const window = await withinOneWindow();
    await flushRateLimits();
    for (let i = 0; i < 10; i++) await countRequest([{ key, max: 100 }]);
    expect(await stored(key, window)).toBe(0);
    await flushRateLimits();
    expect(await stored(key, window)).toBe(10);
    await countRequest([{ key, max: 100 }]);
    await flushRateLimits();
    expect(await stored(key, window)).toBe(11);
  });

  it("keep the counts of a flush the database refused, for the next one", async () => {
    const key = uniqueKey();
    const window = await withinOneWindow();
    const { db } = await import("@/lib/db");
    for (let i = 0; i < 3; i++) await countRequest([{ key, max: 100 }]);
    await refuseInserts(db, "RateLimit");
    try {
      await expect(flushRateLimits()).rejects.toThrow();
    } finally {
      await allowInserts(db, "RateLimit");
    }
    await flushRateLimits();
    expect(await stored(key, window)).toBe(3);
  });
});

describe("rate limits across two processes sharing the database", () => {
  /** How many of `requests` this instance admits against the limit. */
  async function admitted(key: string, max: number, requests: number): Promise<number> {
    let count = 0;
    for (let i = 0; i < requests; i++) if ((await countRequest([{ key, max }])) === null) count++;
    return count;
  }

  it("read the other instance's counts at a key's first request, and refuse past the limit", async () => {
    const key = uniqueKey();
    const window = await withinOneWindow(15_000);
    expect(await otherInstance(key, 100, 60)).toBe(60);
    expect(await stored(key, window)).toBe(60);
    expect(await admitted(key, 100, 50)).toBe(40);
    await flushRateLimits();
    expect(await stored(key, window)).toBe(110);
  });

  it("admit no more than the limit plus what the other served since this one's last flush", async () => {
    const key = uniqueKey();
    const max = 50;
    await withinOneWindow(15_000);
    // This instance takes 30, and shares them.
    expect(await admitted(key, max, 30)).toBe(30);
    await flushRateLimits();
    // The other instance, reading the 30, admits the 20 left of 40 asked, and shares them.
    expect(await otherInstance(key, max, 40)).toBe(20);
    // Until its next flush this one does not know them: it admits up to 20 more (fewer when a flush
    // of its own, due after a second, lands first). That is the bound: what the others served since
    // this instance's last flush.
    const before = await admitted(key, max, 25);
    expect(before).toBeLessThanOrEqual(20);
    await flushRateLimits();
    // After one flush it knows, and refuses.
    expect(await admitted(key, max, 5)).toBe(0);
    expect(30 + 20 + before).toBeLessThanOrEqual(max + 20);
  });
});
