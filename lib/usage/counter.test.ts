// The counters against the real test database: what is counted is written exactly once, a failed
// write keeps its counts for the next flush, and new networks are told apart from known ones.
import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { testDb } from "@/lib/testing/factories";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { countUsage, earlyFlushSettled, FLUSH_EARLY_AT, flushUsage, MAX_KEYS, takeNewNetworks, usageSnapshot } from "./counter";
import { allowInserts, refuseInserts } from "@/lib/testing/refuse-inserts";

const T0 = Date.UTC(2031, 0, 1, 12, 0, 0);
const newId = () => `tok-${crypto.randomUUID()}`;

async function storedUsage(tokenId: string) {
  const rows = await testDb().tokenUsage.findMany({ where: { tokenId }, orderBy: [{ minute: "asc" }, { route: "asc" }] });
  return rows.map((r) => ({ minute: r.minute.getTime(), route: r.route, userId: r.userId, requests: r.requests, errors: r.errors }));
}

function count(tokenId: string, route: string, status: number, at: number, ip: string | null = "203.0.113.7") {
  countUsage({ tokenId, userId: "user-1", route, status, ip }, at);
}

beforeEach(async () => {
  await flushUsage();
  takeNewNetworks();
});

describe("countUsage and flushUsage", () => {
  it("writes one row a token, minute and route with exactly the requests and errors counted", async () => {
    const tokenId = newId();
    for (let i = 0; i < 7; i++) count(tokenId, "GET /devices", 200, T0 + i * SECOND_MS);
    for (let i = 0; i < 3; i++) count(tokenId, "GET /devices/{deviceId}", i === 0 ? 404 : 200, T0 + 10 * SECOND_MS);
    count(tokenId, "GET /devices", 429, T0 + MINUTE_MS + 5 * SECOND_MS);
    const result = await flushUsage(T0 + 2 * MINUTE_MS);
    expect(result.rows).toBe(3);
    expect(await storedUsage(tokenId)).toEqual([
      { minute: T0, route: "GET /devices", userId: "user-1", requests: 7, errors: 0 },
      { minute: T0, route: "GET /devices/{deviceId}", userId: "user-1", requests: 3, errors: 1 },
      { minute: T0 + MINUTE_MS, route: "GET /devices", userId: "user-1", requests: 1, errors: 1 },
    ]);
    expect(usageSnapshot().usage.filter((r) => r.tokenId === tokenId)).toEqual([]);
  });

  it("adds a second flush to the first, and an empty flush writes nothing", async () => {
    const tokenId = newId();
    for (let i = 0; i < 4; i++) count(tokenId, "POST /devices/{deviceId}/telemetry", i === 3 ? 400 : 202, T0);
    await flushUsage(T0);
    for (let i = 0; i < 5; i++) count(tokenId, "POST /devices/{deviceId}/telemetry", 202, T0 + 30 * SECOND_MS);
    await flushUsage(T0 + MINUTE_MS);
    expect(await flushUsage(T0 + MINUTE_MS)).toEqual({ rows: 0, newNetworks: [] });
    expect(await storedUsage(tokenId)).toEqual([{ minute: T0, route: "POST /devices/{deviceId}/telemetry", userId: "user-1", requests: 9, errors: 1 }]);
  });

  describe("when the write fails", () => {
    // A real failure of the app's own connection: temporary triggers belong to the connection that made them.
    beforeEach(() => refuseInserts(db, "TokenUsage", "refused"));
    afterEach(() => allowInserts(db, "TokenUsage"));

    it("keeps the counts for the next flush, adding what was counted meanwhile, and writes them once", async () => {
      const tokenId = newId();
      for (let i = 0; i < 6; i++) count(tokenId, "GET /devices", i < 2 ? 500 : 200, T0);
      await expect(flushUsage(T0)).rejects.toThrow();
      expect(await storedUsage(tokenId)).toEqual([]);
      count(tokenId, "GET /devices", 200, T0 + SECOND_MS);
      expect(usageSnapshot().usage.filter((r) => r.tokenId === tokenId)).toMatchObject([{ requests: 7, errors: 2 }]);
      await expect(flushUsage(T0)).rejects.toThrow();

      await allowInserts(db, "TokenUsage");
      await flushUsage(T0 + MINUTE_MS);
      await flushUsage(T0 + MINUTE_MS);
      expect(await storedUsage(tokenId)).toEqual([{ minute: T0, route: "GET /devices", userId: "user-1", requests: 7, errors: 2 }]);
    });

    it("writes no network either, so a new network is still new at the next flush", async () => {
      const tokenId = newId();
      count(tokenId, "GET /me", 200, T0, "198.51.100.20");
      await expect(flushUsage(T0)).rejects.toThrow();
      expect(await testDb().tokenNetwork.count({ where: { tokenId } })).toBe(0);
      await allowInserts(db, "TokenUsage");
      const { newNetworks } = await flushUsage(T0);
      expect(newNetworks).toEqual([{ tokenId, userId: "user-1", network: "198.51.100.0/24", previousLastSeen: null, tokenHadOtherNetworks: false }]);
    });
  });

  it("records each network a token was used from, keeping the first time and the latest", async () => {
    const tokenId = newId();
    count(tokenId, "GET /me", 200, T0 + 5 * SECOND_MS, "203.0.113.5");
    count(tokenId, "GET /me", 200, T0, "203.0.113.99");
    count(tokenId, "GET /me", 200, T0 + SECOND_MS, "2001:db8:7:1::2");
    count(tokenId, "GET /me", 200, T0 + SECOND_MS, null);
    await flushUsage(T0 + MINUTE_MS);
    // A later flush of an earlier use (another instance's, say) does not move lastSeenAt back.
    count(tokenId, "GET /me", 200, T0 + 2 * SECOND_MS, "203.0.113.1");
    await flushUsage(T0 + MINUTE_MS);
    const rows = await testDb().tokenNetwork.findMany({ where: { tokenId }, orderBy: { network: "asc" } });
    expect(rows.map((r) => [r.network, r.firstSeenAt.getTime(), r.lastSeenAt.getTime()])).toEqual([
      ["2001:db8:7::/48", T0 + SECOND_MS, T0 + SECOND_MS],
      ["203.0.113.0/24", T0, T0 + 5 * SECOND_MS],
    ]);
  });
});

describe("new networks", () => {
  it("reports a token's first network as no anomaly, a second one as new, and a known one not at all", async () => {
    const tokenId = newId();
    count(tokenId, "GET /me", 200, T0, "203.0.113.5");
    expect((await flushUsage(T0)).newNetworks).toEqual([{ tokenId, userId: "user-1", network: "203.0.113.0/24", previousLastSeen: null, tokenHadOtherNetworks: false }]);
    count(tokenId, "GET /me", 200, T0 + DAY_MS, "203.0.113.77");
    expect((await flushUsage(T0 + DAY_MS)).newNetworks).toEqual([]);
    count(tokenId, "GET /me", 200, T0 + DAY_MS, "198.51.100.3");
    expect((await flushUsage(T0 + DAY_MS)).newNetworks).toEqual([{ tokenId, userId: "user-1", network: "198.51.100.0/24", previousLastSeen: null, tokenHadOtherNetworks: true }]);
    expect(takeNewNetworks().map((n) => n.network)).toEqual(["203.0.113.0/24", "198.51.100.0/24"]);
    expect(takeNewNetworks()).toEqual([]);
  });

  it("reports a network unused for 30 days as new again, with when it was last seen", async () => {
    const tokenId = newId();
    count(tokenId, "GET /me", 200, T0, "203.0.113.5");
    count(tokenId, "GET /me", 200, T0, "2001:db8:1::1");
    await flushUsage(T0);
    const later = T0 + 29 * DAY_MS;
    count(tokenId, "GET /me", 200, later, "2001:db8:1::2");
    expect((await flushUsage(later)).newNetworks).toEqual([]);
    const muchLater = T0 + 30 * DAY_MS;
    count(tokenId, "GET /me", 200, muchLater, "203.0.113.6");
    expect((await flushUsage(muchLater)).newNetworks).toEqual([
      { tokenId, userId: "user-1", network: "203.0.113.0/24", previousLastSeen: new Date(T0), tokenHadOtherNetworks: true },
    ]);
  });

  it("counts the earlier of two networks new in one flush as a token's first", async () => {
    const tokenId = newId();
    count(tokenId, "GET /me", 200, T0 + 2 * SECOND_MS, "198.51.100.3");
    count(tokenId, "GET /me", 200, T0 + SECOND_MS, "203.0.113.5");
    const { newNetworks } = await flushUsage(T0 + 5 * SECOND_MS);
    expect(newNetworks.map((n) => [n.network, n.tokenHadOtherNetworks])).toEqual([
      ["203.0.113.0/24", false],
      ["198.51.100.0/24", true],
    ]);
  });

  it("does not count a token's own network, back after 30 days, as another network", async () => {
    const tokenId = newId();
    count(tokenId, "GET /me", 200, T0, "203.0.113.5");
    await flushUsage(T0);
    count(tokenId, "GET /me", 200, T0 + 40 * DAY_MS, "203.0.113.5");
    expect((await flushUsage(T0 + 40 * DAY_MS)).newNetworks).toEqual([
      { tokenId, userId: "user-1", network: "203.0.113.0/24", previousLastSeen: new Date(T0), tokenHadOtherNetworks: false },
    ]);
  });
});

describe("memory", () => {
  it("flushes early when the map reaches FLUSH_EARLY_AT keys", async () => {
    const tokenId = newId();
    for (let i = 0; i < FLUSH_EARLY_AT; i++) count(tokenId, `GET /r${i}`, 200, T0);
    expect(usageSnapshot().usage.length).toBe(0);
    await earlyFlushSettled();
    expect(await testDb().tokenUsage.count({ where: { tokenId } })).toBe(FLUSH_EARLY_AT);
  });

  describe("while the database refuses", () => {
    beforeEach(() => refuseInserts(db, "TokenUsage", "refused"));
    afterEach(() => allowInserts(db, "TokenUsage"));

    it("holds at most MAX_KEYS keys, in memory and being written, dropping new ones and counting known ones", async () => {
      const tokenId = newId();
      // The early flush at FLUSH_EARLY_AT keys takes them to write, and they still count against the bound.
      for (let i = 0; i < MAX_KEYS + 3; i++) count(tokenId, `GET /r${i}`, 200, T0);
      count(tokenId, `GET /r${MAX_KEYS - 1}`, 500, T0);
      const snapshot = usageSnapshot();
      expect(snapshot.dropped).toBe(3);
      expect(snapshot.usage.length).toBe(MAX_KEYS - FLUSH_EARLY_AT);
      expect(snapshot.usage.at(-1)).toMatchObject({ route: `GET /r${MAX_KEYS - 1}`, requests: 2, errors: 1 });
      // The refused write puts its keys back: all of them are kept, and none beyond the bound.
      await earlyFlushSettled();
      expect(usageSnapshot().usage.length).toBe(MAX_KEYS);
      count(tokenId, "GET /one-more", 200, T0);
      expect(usageSnapshot().dropped).toBe(4);
    });
  });
});
