// Test helper: every route of the device API with what a successful call needs and answers, so
// that each authentication and authorization case runs against all of them.
import type { Scope } from "@/lib/access/scopes";
import type { Method } from "@/lib/api/route";
import { MINUTE_MS } from "@/lib/time";

export type RouteCase = {
  method: Method;
  /** As in lib/api/routes.ts: "/devices/{deviceId}". */
  path: string;
  /** Every scope a call needs; empty when any valid token will do. */
  scopes: Scope[];
  /** The status of a successful call. */
  ok: 200 | 201 | 204;
  body?: () => unknown;
};

export const ROUTE_CASES: RouteCase[] = [
  { method: "GET", path: "/me", scopes: [], ok: 200 },
  { method: "GET", path: "/fleet", scopes: ["devices:read"], ok: 200 },
  { method: "GET", path: "/devices", scopes: ["devices:read"], ok: 200 },
  { method: "GET", path: "/overview", scopes: ["devices:read", "telemetry:read"], ok: 200 },
  { method: "GET", path: "/overview/search", scopes: ["devices:read", "telemetry:read"], ok: 200 },
  { method: "POST", path: "/devices", scopes: ["devices:write"], ok: 201, body: () => ({ name: "Made by a test", kind: "thermostat" }) },
  { method: "GET", path: "/devices/{deviceId}", scopes: ["devices:read"], ok: 200 },
  { method: "PATCH", path: "/devices/{deviceId}", scopes: ["devices:write"], ok: 200, body: () => ({ location: "Moved by a test" }) },
  { method: "DELETE", path: "/devices/{deviceId}", scopes: ["devices:write"], ok: 204 },
  { method: "GET", path: "/devices/{deviceId}/readings/latest", scopes: ["telemetry:read"], ok: 200 },
  { method: "GET", path: "/devices/{deviceId}/readings/first", scopes: ["telemetry:read"], ok: 200 },
  { method: "GET", path: "/devices/{deviceId}/telemetry", scopes: ["telemetry:read"], ok: 200 },
  {
    method: "POST",
    path: "/devices/{deviceId}/telemetry",
    scopes: ["telemetry:write"],
    ok: 201,
    body: () => ({ readings: [{ metric: "temperature", time: Date.now() - MINUTE_MS, value: 21.5 }] }),
  },
  { method: "GET", path: "/audit", scopes: ["audit:read"], ok: 200 },
  { method: "GET", path: "/audit/verify", scopes: ["audit:read"], ok: 200 },
  { method: "GET", path: "/users", scopes: ["users:admin"], ok: 200 },
  { method: "GET", path: "/tokens", scopes: ["tokens:admin"], ok: 200 },
];

export const DEVICE_ROUTE_CASES = ROUTE_CASES.filter((c) => c.path.includes("{deviceId}"));

export function pathOf(routeCase: RouteCase, deviceId: string): string {
  return routeCase.path.replace("{deviceId}", encodeURIComponent(deviceId));
}

export function label(routeCase: RouteCase): string {
  return `${routeCase.method} ${routeCase.path}`;
}
