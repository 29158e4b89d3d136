// Who sees which usage, and that the reads add up, against the real test database.
import { beforeAll, describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { revokeToken } from "@/lib/tokens/lifecycle";
import { parseOverviewFilter, usageOverview } from "./overview";
import { errorRate, tokenUsage } from "./queries";
import { parseUsageRange, usageWindow } from "./range";

// A time no other test file writes usage at; the tokens' own times are real, so "now" is later.
const NOW = Date.UTC(2032, 5, 1, 12, 30, 15);
const HOUR = Math.floor(NOW / HOUR_MS) * HOUR_MS;

let owner: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let used: string;
let quiet: string;

beforeAll(async () => {
  [owner, other, admin] = await Promise.all([createUser({ name: "Olive Owner" }), createUser(), createUser({ role: "ADMIN" })]);
  used = (await issueTestToken(owner.id, { expiresInDays: 90 })).view.id;
  quiet = (await issueTestToken(owner.id, { expiresInDays: 90 })).view.id;
  const row = (minute: number, route: string, requests: number, errors: number) => ({ tokenId: used, userId: owner.id, minute: new Date(minute), route, requests, errors });
  await testDb().tokenUsage.createMany({
    data: [
      row(HOUR - 3 * HOUR_MS, "GET /devices", 10, 0),
      row(HOUR - 3 * HOUR_MS + MINUTE_MS, "GET /devices", 5, 1),
      row(HOUR, "GET /devices/{deviceId}", 4, 2),
      row(HOUR - 2 * DAY_MS, "GET /devices", 100, 0), // outside 24 h, inside 7 d
    ],
  });
  await testDb().tokenNetwork.createMany({
    data: [
      { tokenId: used, network: "203.0.113.0/24", firstSeenAt: new Date(NOW - 5 * DAY_MS), lastSeenAt: new Date(NOW - HOUR_MS) },
      { tokenId: used, network: "2001:db8:1::/48", firstSeenAt: new Date(NOW - DAY_MS), lastSeenAt: new Date(NOW - 2 * HOUR_MS) },
    ],
  });
});

describe("tokenUsage", () => {
  it("gives the owner their token's usage over the range, bucketed, with routes, errors and networks", async () => {
    const detail = await tokenUsage(personOf(owner), used, "24h", NOW);
    expect(detail?.token).toMatchObject({ id: used, kind: "PERSONAL", owner: { id: owner.id, name: "Olive Owner" }, lastUsedAt: null });
    expect(Object.keys(detail!.token).sort()).toEqual(["createdAt", "deviceName", "expiresAt", "id", "kind", "lastUsedAt", "lastUsedIp", "name", "owner", "scopes", "status"]);
    const { series } = detail!;
    expect(series.points).toHaveLength(24);
    expect(series.points.at(-1)).toEqual({ t: HOUR, requests: 4, errors: 2 });
    expect(series.points.at(-4)).toEqual({ t: HOUR - 3 * HOUR_MS, requests: 15, errors: 1 });
    expect(series.totals).toEqual({ requests: 19, errors: 3 });
    expect(errorRate(series.totals)).toBeCloseTo(3 / 19);
    expect(detail!.routes).toEqual([
      { route: "GET /devices", requests: 15, errors: 1 },
      { route: "GET /devices/{deviceId}", requests: 4, errors: 2 },
    ]);
    expect(detail!.networks.map((n) => n.network)).toEqual(["203.0.113.0/24", "2001:db8:1::/48"]);
    expect((await tokenUsage(personOf(owner), used, "7d", NOW))!.series.totals.requests).toBe(119);
  });

  it("gives an admin any token's usage", async () => {
    const detail = await tokenUsage(personOf(admin), used, "1h", NOW);
    expect(detail?.series.points).toHaveLength(60);
    expect(detail?.series.totals).toEqual({ requests: 4, errors: 2 });
    // The status is told at the time asked about: live today, long expired by NOW.
    expect(detail?.token.status).toBe("expired");
    expect((await tokenUsage(personOf(admin), used, "1h"))?.token.status).toBe("active");
  });

  it("gives anyone else nothing, as for a token that does not exist", async () => {
    expect(await tokenUsage(personOf(other), used, "24h", NOW)).toBeNull();
    expect(await tokenUsage(personOf(owner), "no-such-token", "24h", NOW)).toBeNull();
    expect(await tokenUsage(personOf(owner), "x".repeat(500), "24h", NOW)).toBeNull();
  });

  it("shows a token with no usage as zero, and a revoked one as revoked", async () => {
    await revokeToken("system", quiet);
    const detail = await tokenUsage(personOf(owner), quiet, "30d", NOW);
    expect(detail?.token.status).toBe("revoked");
    expect(detail?.series.points).toHaveLength(30);
    expect(detail?.series.totals).toEqual({ requests: 0, errors: 0 });
    expect(detail?.routes).toEqual([]);
    expect(detail?.networks).toEqual([]);
  });
});

describe("usageOverview", () => {
  it("refuses anyone but an admin", async () => {
    await expect(usageOverview(personOf(owner), "24h", {}, NOW)).rejects.toMatchObject({ name: "Refusal", code: "forbidden" });
  });

  it("sums the range per token, user and route, and narrows to one user or route", async () => {
    const overview = await usageOverview(personOf(admin), "24h", {}, NOW);
    expect(overview.series.totals.requests).toBeGreaterThanOrEqual(19);
    expect(overview.topTokens.find((t) => t.tokenId === used)).toMatchObject({ requests: 19, errors: 3, ownerName: "Olive Owner", kind: "PERSONAL" });
    expect(overview.users.find((u) => u.userId === owner.id)).toMatchObject({ requests: 19, errors: 3, name: "Olive Owner", email: owner.email });

    const mine = await usageOverview(personOf(admin), "24h", { userId: owner.id }, NOW);
    expect(mine.filter.userName).toBe("Olive Owner");
    expect(mine.series.totals).toEqual({ requests: 19, errors: 3 });
    expect(mine.routes).toEqual([
      { route: "GET /devices", requests: 15, errors: 1 },
      { route: "GET /devices/{deviceId}", requests: 4, errors: 2 },
    ]);
    const route = await usageOverview(personOf(admin), "24h", { userId: owner.id, route: "GET /devices/{deviceId}" }, NOW);
    expect(route.series.totals).toEqual({ requests: 4, errors: 2 });
  });

  it("lists live tokens by last use, the never used first, leaving out revoked ones", async () => {
    const never = (await issueTestToken(other.id, { expiresInDays: 90 })).view.id;
    const overview = await usageOverview(personOf(admin), "24h", {}, Date.now());
    const ids = overview.byLastUse.map((t) => t.id);
    expect(overview.byLastUse.every((t, i, all) => i === 0 || !t.lastUsedAt || (all[i - 1]!.lastUsedAt?.getTime() ?? 0) <= t.lastUsedAt.getTime())).toBe(true);
    expect(overview.byLastUse.filter((t) => t.lastUsedAt === null).length === 0 || overview.byLastUse[0]!.lastUsedAt === null).toBe(true);
    expect(ids).not.toContain(quiet);
    // Never used, and among the newest tokens: listed unless 25 older never-used tokens fill the list.
    if (overview.byLastUse.length < 25) expect(ids).toContain(never);
  });
});

describe("ranges and filters from the query string", () => {
  it("accepts the four ranges and falls back to 24 h for anything else", () => {
    expect(["1h", "24h", "7d", "30d"].map((r) => parseUsageRange(r))).toEqual(["1h", "24h", "7d", "30d"]);
    for (const bad of [undefined, "", "2h", ["1h", "7d"], "constructor", "__proto__"]) expect(parseUsageRange(bad)).toBe("24h");
  });

  it("covers whole buckets with the current one last", () => {
    expect(usageWindow("1h", NOW)).toEqual({ from: Math.floor(NOW / MINUTE_MS) * MINUTE_MS + MINUTE_MS - HOUR_MS, to: Math.floor(NOW / MINUTE_MS) * MINUTE_MS + MINUTE_MS, bucketMs: MINUTE_MS });
    expect(usageWindow("30d", NOW).to).toBe(Math.floor(NOW / DAY_MS) * DAY_MS + DAY_MS);
  });

  it("takes a user id and a route only when shaped like one", () => {
    expect(parseOverviewFilter({ user: "cabc123", route: "GET /devices/{deviceId}" })).toEqual({ userId: "cabc123", route: "GET /devices/{deviceId}" });
    expect(parseOverviewFilter({ user: ["a", "b"], route: "DROP TABLE" })).toEqual({});
    expect(parseOverviewFilter({ user: "a'; --", route: "GET /x?y=1" })).toEqual({});
  });
});
