// Every data function of lib/devices checks the caller's scope itself, so that a direct caller
// without it is refused as the API router refuses one, and nothing is read or changed.
import { describe, expect, it } from "vitest";
import type { Scope } from "@/lib/access/scopes";
import { Refusal } from "@/lib/refusal";
import { tokenCallerOf } from "@/lib/testing/callers";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { HOUR_MS } from "@/lib/time";
import { createDevice as registerDevice, deleteDevice, getDevice, latestReadings, listDevices, updateDevice } from "./devices";
import { fleetSummary, searchOverview } from "./fleet";
import { listOverview } from "./overview";
import { ingestReadings, readBuckets } from "./telemetry";

const ALL: Scope[] = ["devices:read", "devices:write", "telemetry:read", "telemetry:write"];

describe("lib/devices without the scope", () => {
  it("refuses each function a caller lacking its scope, and changes nothing", async () => {
    const user = await createUser();
    const device = await createDevice(user.id, { name: "Kept" });
    const range = { from: new Date(0), to: new Date(HOUR_MS), bucketMs: HOUR_MS };
    const calls: [Scope, string, (caller: ReturnType<typeof tokenCallerOf>) => Promise<unknown>][] = [
      ["devices:read", "listDevices", (c) => listDevices(c, { limit: 10 })],
      ["devices:read", "getDevice", (c) => getDevice(c, device.id)],
      ["devices:read", "fleetSummary", (c) => fleetSummary(c)],
      ["devices:read", "listOverview", (c) => listOverview(c, { limit: 10 })],
      ["telemetry:read", "listOverview", (c) => listOverview(c, { limit: 10 })],
      ["devices:read", "searchOverview", (c) => searchOverview(c, { q: "", status: "all", sort: "name", page: 1, limit: 10 })],
      ["telemetry:read", "searchOverview", (c) => searchOverview(c, { q: "", status: "all", sort: "name", page: 1, limit: 10 })],
      ["telemetry:read", "latestReadings", (c) => latestReadings(c, device.id)],
      ["telemetry:read", "readBuckets", (c) => readBuckets(c, device.id, range)],
      ["devices:write", "createDevice", (c) => registerDevice(c, { name: "New", kind: "thermostat" })],
      ["devices:write", "updateDevice", (c) => updateDevice(c, device.id, { name: "Renamed" })],
      ["telemetry:write", "ingestReadings", (c) => ingestReadings(c, device.id, [{ metric: "temperature", time: new Date(), value: 1 }])],
      // Last: with its scope, it deletes the device the others use.
      ["devices:write", "deleteDevice", (c) => deleteDevice(c, device.id)],
    ];
    const state = () => testDb().device.findMany({ where: { ownerId: user.id }, select: { name: true, metrics: { select: { readings: { select: { value: true } } } } } });
    for (const [scope, name, call] of calls) {
      const before = await state();
      const without = tokenCallerOf(user, { scopes: ALL.filter((s) => s !== scope) });
      const error = await call(without).then(() => undefined, (e: unknown) => e);
      expect(error, `${name} without ${scope}`).toBeInstanceOf(Refusal);
      expect(error, `${name} without ${scope}`).toMatchObject({ code: "forbidden", message: `This token lacks the ${scope} scope` });
      expect(await state(), `${name} without ${scope}`).toEqual(before);
      // With the scope, the same call goes through and finds the device.
      expect(await call(tokenCallerOf(user, { scopes: ALL })), `${name} with ${scope}`).not.toBeNull();
    }
  });
});
