// Every response is checked against its declared schema in development and test: a mismatch fails.
import { describe, expect, it } from "vitest";
import { apiClient, expectProblem, userWithToken } from "@/lib/testing/api-client";
import { checkPlainJson, checkResponse, ResponseMismatch } from "./response-check";
import { routes } from "./routes";
import * as s from "./schemas";

const call = apiClient("203.0.113.61");
const route = { method: "GET" as const, path: "/fleet", response: s.Fleet };
const fleet = { devices: { total: 2, online: 1, offline: 1, disabled: 0 }, readingsLastHour: 10, alerts: 0 };

describe("checkResponse", () => {
  it("accepts a body its schema declares, member for member", () => {
    expect(() => checkResponse(route, JSON.stringify(fleet))).not.toThrow();
  });

  it("fails a missing or mistyped member, naming the route and the member", () => {
    const missing: Partial<typeof fleet> = { ...fleet };
    delete missing.alerts;
    expect(() => checkResponse(route, JSON.stringify(missing))).toThrow(ResponseMismatch);
    expect(() => checkResponse(route, JSON.stringify(missing))).toThrow(/GET \/fleet .*alerts/s);
    expect(() => checkResponse(route, JSON.stringify({ ...fleet, readingsLastHour: "10" }))).toThrow(/readingsLastHour/);
  });

  it("fails a member the schema does not declare, however deep: a leaked field", () => {
    expect(() => checkResponse(route, JSON.stringify({ ...fleet, hash: "x" }))).toThrow(/does not declare/);
    expect(() => checkResponse(route, JSON.stringify({ ...fleet, devices: { ...fleet.devices, owners: [] } }))).toThrow(/does not declare/);
  });

  it("fails the request itself when a route's handler answers with an undeclared member", async () => {
    const { user, token } = await userWithToken();
    const fleetRoute = routes.find((r) => r.method === "GET" && r.path === "/fleet")!;
    const handle = fleetRoute.handle;
    fleetRoute.handle = async (context) => ({ ...((await handle(context)) as object), ownerEmail: user.email });
    try {
      const result = await call("GET", "/fleet", { token });
      expectProblem(result, 500, "internal");
      expect(result.text).not.toContain(user.email);
    } finally {
      fleetRoute.handle = handle;
    }
    expect((await call("GET", "/fleet", { token })).status).toBe(200);
  });

  it("has a schema for every route that answers with a body", () => {
    expect(routes.filter((r) => r.status !== 204 && !r.response).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});

describe("checkPlainJson", () => {
  it("passes a value that JSON carries unchanged, and fails a Date or an undefined member", () => {
    const plain = { at: "2026-12-02T00:00:00.000Z", n: 1, list: [null, "x"] };
    expect(() => checkPlainJson(route, plain, JSON.stringify(plain))).not.toThrow();
    const dated = { at: new Date(0) };
    expect(() => checkPlainJson(route, dated, JSON.stringify(dated))).toThrow(ResponseMismatch);
    const holey = { a: 1, b: undefined };
    expect(() => checkPlainJson(route, holey, JSON.stringify(holey))).toThrow(/not plain JSON/);
  });
});
