// The usage counters match the requests made: real requests through the API router, counted in
// memory and flushed to the test database.
import { beforeEach, describe, expect, it } from "vitest";
import { apiClient, deviceOf, flipChar, randomId, tokenFor, userWithToken } from "@/lib/testing/api-client";
import { testDb } from "@/lib/testing/factories";
import { flushUsage } from "./counter";

const call = apiClient("203.0.113.50");

/** A token's stored counts by route, summed over minutes (the requests may straddle one). */
async function countsByRoute(tokenId: string) {
  const rows = await testDb().tokenUsage.groupBy({ by: ["route", "userId"], where: { tokenId }, _sum: { requests: true, errors: true }, orderBy: { route: "asc" } });
  return rows.map((r) => ({ route: r.route, userId: r.userId, requests: r._sum.requests, errors: r._sum.errors }));
}

beforeEach(async () => {
  await flushUsage();
});

describe("usage of real requests", () => {
  it("counts each authenticated request once, by route pattern, with 4xx answers as errors", async () => {
    const { user, token, tokenId } = await userWithToken();
    const deviceId = await deviceOf(user.id);
    for (let i = 0; i < 3; i++) expect((await call("GET", "/devices", { token })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await call("GET", `/devices/${deviceId}`, { token })).status).toBe(200);
    expect((await call("GET", `/devices/${randomId()}`, { token })).status).toBe(404);
    expect((await call("PATCH", `/devices/${deviceId}`, { token, body: { name: "" } })).status).toBe(400);
    expect((await call("GET", "/me", { token })).status).toBe(200);
    // A refused token is the audit log's (token.refused), not usage: it counts for no token.
    expect((await call("GET", "/devices", { token: flipChar(token) })).status).toBe(401);
    expect((await call("GET", "/devices", { token: null })).status).toBe(401);

    const { rows } = await flushUsage();
    expect(rows).toBeGreaterThanOrEqual(4);
    expect(await countsByRoute(tokenId)).toEqual([
      { route: "GET /devices", userId: user.id, requests: 3, errors: 0 },
      { route: "GET /devices/{deviceId}", userId: user.id, requests: 3, errors: 1 },
      { route: "GET /me", userId: user.id, requests: 1, errors: 0 },
      { route: "PATCH /devices/{deviceId}", userId: user.id, requests: 1, errors: 1 },
    ]);
    expect(await testDb().tokenNetwork.findMany({ where: { tokenId }, select: { network: true } })).toEqual([{ network: "203.0.113.0/24" }]);
  });

  it("counts a scope denial as an error of the token that was denied", async () => {
    const { user } = await userWithToken();
    const narrow = await tokenFor(user.id, ["telemetry:read"]);
    expect((await call("GET", "/devices", { token: narrow.token })).status).toBe(403);
    await flushUsage();
    expect(await countsByRoute(narrow.tokenId)).toEqual([{ route: "GET /devices", userId: user.id, requests: 1, errors: 1 }]);
  });

  it("reports a token's second network as new, and its first as no anomaly", async () => {
    const { token, tokenId } = await userWithToken();
    await call("GET", "/me", { token });
    const first = await flushUsage();
    expect(first.newNetworks.filter((n) => n.tokenId === tokenId)).toMatchObject([{ network: "203.0.113.0/24", tokenHadOtherNetworks: false }]);
    await call("GET", "/me", { token, ip: "2001:db8:aa:1::9" });
    const second = await flushUsage();
    expect(second.newNetworks.filter((n) => n.tokenId === tokenId)).toMatchObject([{ network: "2001:db8:aa::/48", tokenHadOtherNetworks: true, previousLastSeen: null }]);
  });
});
