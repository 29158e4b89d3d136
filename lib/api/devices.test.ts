import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PAGE_SIZE } from "@/lib/devices/devices";
import { testDb } from "@/lib/testing/factories";
import { apiClient, deviceOf, expectProblem, userWithToken } from "@/lib/testing/api-client";

const call = apiClient("203.0.113.13");

let owner: Awaited<ReturnType<typeof userWithToken>>;

beforeAll(async () => {
  owner = await userWithToken({ name: "Devon Owner" });
});

const ownDevices = () => testDb().device.findMany({ where: { ownerId: owner.user.id }, orderBy: { id: "asc" } });

describe("device CRUD", () => {
  it("creates, reads, renames, disables and deletes a device", async () => {
    const made = await call("POST", "/devices", { token: owner.token, body: { name: "  Hall thermostat ", kind: "thermostat", location: "Hall" } });
    expect(made.status, made.text).toBe(201);
    expect(made.headers.get("content-type")).toBe("application/json");
    // A short answer: never stored, never compressed (lib/api/problem.ts).
    expect(made.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(made.body).toMatchObject({ name: "Hall thermostat", kind: "thermostat", location: "Hall", enabled: true, status: "offline", lastSeenAt: null, owner: { id: owner.user.id, name: "Devon Owner" }, metrics: [] });
    expect(Object.keys(made.body).sort()).toEqual(["createdAt", "enabled", "id", "kind", "lastSeenAt", "location", "metrics", "name", "owner", "status"]);
    const id = made.body.id as string;
    expect(await testDb().device.findUnique({ where: { id }, select: { ownerId: true, name: true } })).toEqual({ ownerId: owner.user.id, name: "Hall thermostat" });

    const read = await call("GET", `/devices/${id}`, { token: owner.token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(made.body);

    const patched = await call("PATCH", `/devices/${id}`, { token: owner.token, body: { name: "Landing", enabled: false } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ id, name: "Landing", location: "Hall", enabled: false, status: "disabled" });
    expect(await testDb().device.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Landing", enabled: false });

    const deleted = await call("DELETE", `/devices/${id}`, { token: owner.token });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect(await testDb().device.findUnique({ where: { id } })).toBeNull();
    expectProblem(await call("GET", `/devices/${id}`, { token: owner.token }), 404, "not_found");
    expectProblem(await call("DELETE", `/devices/${id}`, { token: owner.token }), 404, "not_found");
  });

  it("accepts a JSON content type with parameters or a +json suffix", async () => {
    const id = await deviceOf(owner.user.id);
    const charset = await call("PATCH", `/devices/${id}`, { token: owner.token, rawBody: JSON.stringify({ location: "Attic" }), headers: { "content-type": "application/json; charset=utf-8" } });
    expect(charset.status, charset.text).toBe(200);
    const merge = await call("PATCH", `/devices/${id}`, { token: owner.token, rawBody: JSON.stringify({ location: "Cellar" }), headers: { "content-type": "application/merge-patch+json" } });
    expect(merge.status, merge.text).toBe(200);
    expect((await testDb().device.findUniqueOrThrow({ where: { id } })).location).toBe("Cellar");
  });
});

describe("invalid device bodies", () => {
  const CREATE_CASES: [string, unknown, string[]][] = [
    ["an empty name", { name: "", kind: "thermostat" }, ["name"]],
    ["a blank name", { name: "    ", kind: "thermostat" }, ["name"]],
    ["a name over 80 characters", { name: "x".repeat(81), kind: "thermostat" }, ["name"]],
    ["an unknown kind", { name: "Toaster", kind: "toaster" }, ["kind"]],
    ["no kind", { name: "Toaster" }, ["kind"]],
    ["an unknown field", { name: "Toaster", kind: "thermostat", colour: "red" }, ["body"]],
    ["a location over 80 characters", { name: "Toaster", kind: "thermostat", location: "y".repeat(81) }, ["location"]],
    ["a wrong type", { name: 42, kind: "thermostat", enabled: "yes" }, ["name", "enabled"]],
    ["an array", [{ name: "Toaster", kind: "thermostat" }], ["body"]],
    ["null", null, ["body"]],
  ];

  it.each(CREATE_CASES)("POST /devices with %s answers 400 with errors and makes nothing", async (_, body, fields) => {
    const before = await ownDevices();
    const result = await call("POST", "/devices", { token: owner.token, body });
    expectProblem(result, 400, "invalid_request", [owner.token]);
    expect(Object.keys(result.body.errors).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(result.body.errors[field]).toEqual([expect.any(String)]);
    expect(await ownDevices()).toEqual(before);
  });

  const PATCH_CASES: [string, unknown, string, RegExp][] = [
    ["no field", {}, "body", /at least one/],
    ["an empty name", { name: "" }, "name", /name/],
    ["an unknown field", { ownerId: "someone-else" }, "body", /ownerId/],
    ["a kind (which cannot change)", { kind: "smart-plug" }, "body", /kind/],
    ["a wrong type", { enabled: "false" }, "enabled", /boolean/],
  ];

  it.each(PATCH_CASES)("PATCH /devices/{id} with %s answers 400 with errors and changes nothing", async (_, body, field, message) => {
    const id = await deviceOf(owner.user.id);
    const before = await testDb().device.findUniqueOrThrow({ where: { id } });
    const result = await call("PATCH", `/devices/${id}`, { token: owner.token, body });
    expectProblem(result, 400, "invalid_request", [owner.token]);
    expect(result.body.errors[field]).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    expect(await testDb().device.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("answers 400 for a body that is not JSON, and makes nothing", async () => {
    const before = await ownDevices();
    const result = await call("POST", "/devices", { token: owner.token, rawBody: '{"name": "Half', headers: { "content-type": "application/json" } });
    expectProblem(result, 400, "invalid_request", [owner.token]);
    expect(await ownDevices()).toEqual(before);
  });

  it("answers 400 for a device id over 64 characters", async () => {
    expectProblem(await call("GET", `/devices/${"d".repeat(65)}`, { token: owner.token }), 400, "invalid_request");
  });
});

describe("pagination", () => {
  let pager: Awaited<ReturnType<typeof userWithToken>>;
  let ids: string[];

  beforeAll(async () => {
    pager = await userWithToken({ scopes: ["devices:read"] });
    const data = Array.from({ length: 105 }, (_, i) => ({ ownerId: pager.user.id, name: `Paged ${String(i).padStart(3, "0")}`, kind: "smart-plug" }));
    await testDb().device.createMany({ data });
    ids = (await testDb().device.findMany({ where: { ownerId: pager.user.id }, select: { id: true } })).map((d) => d.id);
    expect(ids).toHaveLength(105);
  });

  it(`caps a limit above ${MAX_PAGE_SIZE} and pages through every device exactly once`, async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result = await call("GET", `/devices?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token: pager.token });
      expect(result.status, result.text).toBe(200);
      sizes.push(result.body.data.length);
      seen.push(...result.body.data.map((d: { id: string }) => d.id));
      cursor = result.body.nextCursor;
      if (cursor === null) break;
    }
    expect(sizes).toEqual([MAX_PAGE_SIZE, 5]);
    expect(cursor).toBeNull();
    expect(seen).toHaveLength(105);
    expect(new Set(seen).size).toBe(105);
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  it("uses 50 by default and honours a smaller limit", async () => {
    const first = await call("GET", "/devices", { token: pager.token });
    expect(first.body.data).toHaveLength(50);
    expect(first.body.nextCursor).toBe(first.body.data[49].id);
    // A long answer may be compressed; a short one may not (lib/api/problem.ts).
    expect(first.headers.get("cache-control")).toBe("no-store");
    const small = await call("GET", "/devices?limit=7", { token: pager.token });
    expect(small.body.data).toHaveLength(7);
    const next = await call("GET", `/devices?limit=7&cursor=${small.body.nextCursor}`, { token: pager.token });
    expect(next.body.data[0].id > small.body.data[6].id).toBe(true);
  });

  it.each([["0"], ["-5"], ["abc"], ["2.5"]])("answers 400 for limit=%s", async (limit) => {
    const result = await call("GET", `/devices?limit=${limit}`, { token: pager.token });
    expectProblem(result, 400, "invalid_request");
    expect(result.body.errors.limit).toBeDefined();
  });

  // Regression test, once a bug (lib/devices/devices.ts:54): Prisma's `cursor` needs the cursor row to still exist; when the
  // last device of a page is deleted before the next page is asked for, the listing ends early and
  // silently (an empty page with nextCursor null). Keyset paging (`id: { gt: cursor }`) would not.
  it("carries on past a cursor whose device was deleted meanwhile", async () => {
    const user = await userWithToken({ scopes: ["devices:read"] });
    await testDb().device.createMany({ data: Array.from({ length: 6 }, (_, i) => ({ ownerId: user.user.id, name: `Gone ${i}`, kind: "smart-plug" })) });
    const first = await call("GET", "/devices?limit=3", { token: user.token });
    expect(first.body.data).toHaveLength(3);
    await testDb().device.delete({ where: { id: first.body.nextCursor } });
    const second = await call("GET", `/devices?limit=3&cursor=${first.body.nextCursor}`, { token: user.token });
    expect(second.status).toBe(200);
    expect(second.body.data).toHaveLength(3);
  });
});
