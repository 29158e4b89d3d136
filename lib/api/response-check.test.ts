// Every response is checked against its declared schema in development and test: a mismatch fails.
import { describe, expect, it } from "vitest";
import { checkResponse, ResponseMismatch } from "./response-check";
import { routes } from "./routes";
import * as s from "./schemas";

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

  it("has a schema for every route that answers with a body", () => {
    expect(routes.filter((r) => r.status !== 204 && !r.response).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
