// Every route of the device API. Handlers are thin: the data functions they call enforce the
// owner filter themselves, and answer null for a device the caller may not see.
import "server-only";
import { getOwnProfile } from "@/lib/auth/users";
import { createDevice, deleteDevice, getDevice, latestReadings, listDevices, updateDevice } from "@/lib/devices/devices";
import { firstReading } from "@/lib/devices/first-reading";
import { fleetSummary, searchOverview } from "@/lib/devices/fleet";
import { listOverview } from "@/lib/devices/overview";
import { ingestReadings, MAX_METRICS_PER_DEVICE, readBuckets } from "@/lib/devices/telemetry";
import { SECOND_MS } from "@/lib/time";
import { ApiProblem } from "./problem";
import { adminRoutes } from "./routes-admin";
import { auditRoutes } from "./routes-audit";
import { route } from "./route";
import * as s from "./schemas";

const notFound = () => new ApiProblem("not_found", "No such device");

function found<T>(value: T | null): T {
  if (value === null) throw notFound();
  return value;
}

export const INGEST_BODY_LIMIT = 256 * 1024;

export const routes = [
  route({
    method: "GET",
    path: "/me",
    operationId: "getMe",
    summary: "The token's owner and the token's own scopes",
    scope: null,
    response: s.Me,
    async handle({ caller }) {
      const user = await getOwnProfile(caller);
      return { user, token: { id: caller.tokenId, kind: caller.kind, scopes: [...caller.scopes], deviceId: caller.deviceId } };
    },
  }),
  route({
    method: "GET",
    path: "/devices",
    operationId: "listDevices",
    summary: "Devices the caller may see, a page at a time",
    scope: "devices:read",
    query: s.PageQuery,
    response: s.DevicePage,
    handle: ({ caller, query }) => listDevices(caller, query),
  }),
  route({
    method: "GET",
    path: "/fleet",
    operationId: "getFleet",
    summary: "How many of the caller's devices are online, offline and disabled, and readings in the last hour",
    scope: "devices:read",
    response: s.Fleet,
    handle: ({ caller }) => fleetSummary(caller),
  }),
  route({
    method: "GET",
    path: "/overview",
    operationId: "listOverview",
    summary: "Devices with the newest reading and the last 24 hours of each metric, and their open alerts, a page at a time",
    scope: ["devices:read", "telemetry:read"],
    query: s.PageQuery,
    response: s.OverviewPage,
    handle: ({ caller, query }) => listOverview(caller, query),
  }),
  route({
    method: "GET",
    path: "/overview/search",
    operationId: "searchOverview",
    summary: "Devices matching a search, filter and sort over the whole fleet, one page of them as overviews",
    scope: ["devices:read", "telemetry:read"],
    query: s.OverviewSearchQuery,
    response: s.OverviewSearchPage,
    handle: ({ caller, query }) => searchOverview(caller, query),
  }),
  route({
    method: "POST",
    path: "/devices",
    operationId: "createDevice",
    audited: true,
    summary: "Register a device (an admin may name its owner)",
    scope: "devices:write",
    body: s.DeviceCreate,
    response: s.Device,
    status: 201,
    async handle({ caller, body }) {
      const created = await createDevice(caller, body);
      if ("error" in created) throw new ApiProblem("invalid_request", "No such owner", { errors: { ownerId: ["No such user"] } });
      return created;
    },
  }),
  route({
    method: "GET",
    path: "/devices/{deviceId}",
    operationId: "getDevice",
    summary: "One device",
    scope: "devices:read",
    params: s.DeviceId,
    response: s.Device,
    handle: async ({ caller, params }) => found(await getDevice(caller, params.deviceId)),
  }),
  route({
    method: "PATCH",
    path: "/devices/{deviceId}",
    operationId: "updateDevice",
    audited: true,
    summary: "Rename, move, enable or disable a device",
    scope: "devices:write",
    params: s.DeviceId,
    body: s.DeviceUpdate,
    response: s.Device,
    handle: async ({ caller, params, body }) => found(await updateDevice(caller, params.deviceId, body)),
  }),
  route({
    method: "DELETE",
    path: "/devices/{deviceId}",
    operationId: "deleteDevice",
    audited: true,
    summary: "Delete a device and its readings",
    scope: "devices:write",
    params: s.DeviceId,
    status: 204,
    async handle({ caller, params }) {
      if (!(await deleteDevice(caller, params.deviceId))) throw notFound();
      return null;
    },
  }),
  route({
    method: "GET",
    path: "/devices/{deviceId}/readings/latest",
    operationId: "getLatestReadings",
    summary: "The newest reading of each metric",
    scope: "telemetry:read",
    params: s.DeviceId,
    response: s.LatestReadings,
    handle: async ({ caller, params }) => ({ data: found(await latestReadings(caller, params.deviceId)) }),
  }),
  route({
    method: "GET",
    path: "/devices/{deviceId}/readings/first",
    operationId: "getFirstReading",
    summary: "When the device's oldest reading was taken: when it was first seen, if before it was registered",
    scope: "telemetry:read",
    params: s.DeviceId,
    response: s.FirstReading,
    handle: async ({ caller, params }) => found(await firstReading(caller, params.deviceId)),
  }),
  route({
    method: "GET",
    path: "/devices/{deviceId}/telemetry",
    operationId: "readTelemetry",
    summary: "Readings aggregated into buckets (min, max, avg, count) over a range",
    scope: "telemetry:read",
    params: s.DeviceId,
    query: s.TelemetryQuery,
    response: s.TelemetrySeries,
    async handle({ caller, params, query }) {
      const data = found(await readBuckets(caller, params.deviceId, query));
      return { data, from: query.from.toISOString(), to: query.to.toISOString(), bucketSeconds: query.bucketMs / SECOND_MS };
    },
  }),
  route({
    method: "POST",
    path: "/devices/{deviceId}/telemetry",
    operationId: "ingestTelemetry",
    summary: "Push a batch of readings (at most 1,000; a repeated metric and time replaces the value)",
    conflict: "The device is disabled: its readings are refused until it is enabled",
    scope: "telemetry:write",
    params: s.DeviceId,
    body: s.IngestBody,
    bodyLimit: INGEST_BODY_LIMIT,
    response: s.IngestResult,
    status: 201,
    async handle({ caller, params, body }) {
      const result = found(await ingestReadings(caller, params.deviceId, body.readings));
      if (!("error" in result)) return result;
      if (result.error === "disabled") throw new ApiProblem("conflict", "The device is disabled: enable it to accept its readings again");
      throw new ApiProblem("invalid_request", `A device may report at most ${MAX_METRICS_PER_DEVICE} metrics`, { errors: { readings: ["Too many distinct metrics"] } });
    },
  }),
  ...auditRoutes,
  ...adminRoutes,
];
