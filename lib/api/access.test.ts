import { beforeAll, describe, expect, it } from "vitest";
import { forgetVerified } from "@/lib/access/verified-cache";
import { STANDARD_SCOPES } from "@/lib/testing/callers";
import { testDb } from "@/lib/testing/factories";
import type { Scope } from "@/lib/access/scopes";
import { apiClient, deviceOf, expectProblem, randomId, tokenFor, userWithToken, withoutInstance, type Call } from "@/lib/testing/api-client";
import { DEVICE_ROUTE_CASES, label, pathOf, ROUTE_CASES, type RouteCase } from "@/lib/testing/api-routes";
import { MINUTE_MS } from "@/lib/time";

const call = apiClient("203.0.113.12");
const cases = (list: RouteCase[]) => list.map((c) => [label(c), c] as const);

/** Every device the token can list, paging through to the end. */
async function listAll(call: Call, token: string) {
  const seen: { id: string; owner: { id: string } }[] = [];
  let cursor: string | null = null;
  do {
    const result = await call("GET", `/devices?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { token });
    expect(result.status, result.text).toBe(200);
    seen.push(...result.body.data);
    cursor = result.body.nextCursor;
  } while (cursor);
  return seen;
}

async function snapshot(deviceId: string) {
  return {
    device: await testDb().device.findUnique({ where: { id: deviceId } }),
    readings: await testDb().telemetry.count({ where: { metric: { deviceId } } }),
  };
}

describe("a token without the route's scope", () => {
  let user: Awaited<ReturnType<typeof userWithToken>>["user"];
  beforeAll(async () => {
    user = (await userWithToken()).user;
  });

  const lacking = ROUTE_CASES.flatMap((c) => c.scopes.map((scope) => [`${label(c)} without ${scope}`, c, scope] as const));
  it.each(lacking)("%s answers 403 and changes nothing", async (_, routeCase, scope) => {
    const { token } = await tokenFor(user.id, STANDARD_SCOPES.filter((s) => s !== scope));
    // The token's own user owns the device, so that only the scope is missing.
    const id = await deviceOf(user.id);
    const before = { ...(await snapshot(id)), count: await testDb().device.count({ where: { ownerId: user.id } }) };
    const result = await call(routeCase.method, pathOf(routeCase, id), { token, body: routeCase.body?.() });
    expectProblem(result, 403, "forbidden", [token]);
    expect(result.body.detail).toContain(scope);
    expect({ ...(await snapshot(id)), count: await testDb().device.count({ where: { ownerId: user.id } }) }).toEqual(before);
  });

  it("GET /me needs no particular scope", async () => {
    for (const scope of ["telemetry:read", "devices:write"] as Scope[]) {
      const { token, tokenId } = await tokenFor(user.id, [scope]);
      const result = await call("GET", "/me", { token });
      expect(result.status, result.text).toBe(200);
      expect(result.body).toEqual({
        user: { id: user.id, email: user.email, name: user.name, role: "STANDARD" },
        token: { id: tokenId, kind: "PERSONAL", scopes: [scope], deviceId: null },
      });
      expect(result.text).not.toContain(token);
    }
  });
});

describe("another user's device", () => {
  let standard: Awaited<ReturnType<typeof userWithToken>>;
  let admin: Awaited<ReturnType<typeof userWithToken>>;
  let victimId: string;

  beforeAll(async () => {
    standard = await userWithToken();
    admin = await userWithToken({ role: "ADMIN" });
    victimId = (await userWithToken()).user.id;
  });

  it.each(cases(DEVICE_ROUTE_CASES))("%s answers a standard token 404, exactly as for an id that does not exist", async (_, routeCase) => {
    const theirs = await deviceOf(victimId);
    await testDb().metric.create({ data: { deviceId: theirs, key: "temperature", unit: "°C", readings: { create: [{ time: new Date(Date.now() - 2 * MINUTE_MS), value: 20 }] } } });
    const before = await snapshot(theirs);
    const body = routeCase.body?.();
    const hidden = await call(routeCase.method, pathOf(routeCase, theirs), { token: standard.token, body });
    const missingId = randomId();
    const missing = await call(routeCase.method, pathOf(routeCase, missingId), { token: standard.token, body });
    expectProblem(hidden, 404, "not_found", [standard.token]);
    expectProblem(missing, 404, "not_found", [standard.token]);
    expect(withoutInstance(hidden.body)).toEqual(withoutInstance(missing.body));
    expect(hidden.body.instance).toBe(`/api/v1${pathOf(routeCase, theirs)}`);
    expect([...hidden.headers.keys()].sort()).toEqual([...missing.headers.keys()].sort());
    expect(await snapshot(theirs)).toEqual(before);
  });

  it.each(cases(DEVICE_ROUTE_CASES))("%s works for an admin token", async (_, routeCase) => {
    const theirs = await deviceOf(victimId);
    const result = await call(routeCase.method, pathOf(routeCase, theirs), { token: admin.token, body: routeCase.body?.() });
    expect(result.status, result.text).toBe(routeCase.ok);
    if (routeCase.method === "GET" && routeCase.path === "/devices/{deviceId}") expect(result.body.owner.id).toBe(victimId);
    if (routeCase.method === "PATCH") expect((await testDb().device.findUniqueOrThrow({ where: { id: theirs } })).location).toBe("Moved by a test");
    if (routeCase.method === "DELETE") expect(await testDb().device.findUnique({ where: { id: theirs } })).toBeNull();
    if (routeCase.method === "POST") expect(await testDb().telemetry.count({ where: { metric: { deviceId: theirs } } })).toBe(1);
  });

  it("is in an admin's list but never in a standard user's", async () => {
    const mine = [await deviceOf(standard.user.id), await deviceOf(standard.user.id)];
    const theirs = await deviceOf(victimId);
    const standardList = await listAll(call, standard.token);
    expect(standardList.map((d) => d.id).sort()).toEqual((await testDb().device.findMany({ where: { ownerId: standard.user.id }, select: { id: true } })).map((d) => d.id).sort());
    expect(standardList.map((d) => d.id)).toEqual(expect.arrayContaining(mine));
    expect(standardList.every((d) => d.owner.id === standard.user.id)).toBe(true);
    const adminList = await listAll(call, admin.token);
    expect(adminList.map((d) => d.id)).toEqual(expect.arrayContaining([...mine, theirs]));
    expect(new Set(adminList.map((d) => d.owner.id)).size).toBeGreaterThan(1);
  });

  it("can be made by an admin for another owner, but a standard token's ownerId is not honoured", async () => {
    const made = await call("POST", "/devices", { token: admin.token, body: { name: "For the victim", kind: "soil-sensor", ownerId: victimId } });
    expect(made.status, made.text).toBe(201);
    expect(made.body.owner.id).toBe(victimId);
    const orphan = `Orphan ${randomId()}`;
    const noOwner = await call("POST", "/devices", { token: admin.token, body: { name: orphan, kind: "soil-sensor", ownerId: randomId() } });
    expectProblem(noOwner, 400, "invalid_request");
    expect(noOwner.body.errors.ownerId).toBeDefined();
    expect(await testDb().device.count({ where: { name: orphan } })).toBe(0);
    const before = await testDb().device.count({ where: { ownerId: victimId } });
    const planted = await call("POST", "/devices", { token: standard.token, body: { name: "Planted", kind: "soil-sensor", ownerId: victimId } });
    expect(await testDb().device.count({ where: { ownerId: victimId } })).toBe(before);
    // Today the field is ignored and the device is the caller's (see the report: a 400 would be clearer).
    expect(planted.status, planted.text).toBe(201);
    expect(planted.body.owner.id).toBe(standard.user.id);
  });
});

describe("an admin's token after the owner is downgraded to standard", () => {
  let downgraded: Awaited<ReturnType<typeof userWithToken>>;
  let ownDevice: string;
  let otherDevice: string;

  beforeAll(async () => {
    downgraded = await userWithToken({ role: "ADMIN" });
    ownDevice = await deviceOf(downgraded.user.id);
    otherDevice = await deviceOf((await userWithToken()).user.id);
    const before = await call("GET", `/devices/${otherDevice}`, { token: downgraded.token });
    expect(before.status, before.text).toBe(200);
    await testDb().user.update({ where: { id: downgraded.user.id }, data: { role: "STANDARD" } });
    // Written behind the app's back, as another instance would: forget this process's cache of verified tokens.
    forgetVerified();
  });

  it("loses the users-level scopes and the admin role at once", async () => {
    const me = await call("GET", "/me", { token: downgraded.token });
    expect(me.status, me.text).toBe(200);
    expect(me.body.user.role).toBe("STANDARD");
    expect(me.body.token.scopes.sort()).toEqual([...STANDARD_SCOPES].sort());
  });

  it.each(cases(DEVICE_ROUTE_CASES))("%s on another user's device answers 404", async (_, routeCase) => {
    const before = await snapshot(otherDevice);
    const result = await call(routeCase.method, pathOf(routeCase, otherDevice), { token: downgraded.token, body: routeCase.body?.() });
    expectProblem(result, 404, "not_found", [downgraded.token]);
    expect(await snapshot(otherDevice)).toEqual(before);
  });

  it("still reaches its own device, and lists only its own", async () => {
    expect((await call("GET", `/devices/${ownDevice}`, { token: downgraded.token })).status).toBe(200);
    const list = await listAll(call, downgraded.token);
    expect(list.map((d) => d.id)).toEqual([ownDevice]);
  });
});
