import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { fleetSummary } from "./fleet";
import { listOverview, type DeviceOverview, type FleetSummary } from "./overview";
import { HOUR_MS, MINUTE_MS } from "@/lib/time";

/** The summary added up from the tiles' own overviews: what fleetSummary's lighter statements must agree with. */
function summarizeOverview(devices: DeviceOverview[]): FleetSummary {
  const counts = { total: devices.length, online: 0, offline: 0, disabled: 0 };
  let [readingsLastHour, alerts] = [0, 0];
  for (const device of devices) {
    counts[device.status]++;
    readingsLastHour += device.readingsLastHour;
    alerts += device.alerts.length;
  }
  return { devices: counts, readingsLastHour, alerts };
}

describe("fleetSummary", () => {
  it("counts the caller's devices by status, their readings in the last hour and their open alerts, and no one else's", async () => {
    const now = Date.now();
    const user = await createUser();
    const other = await createUser();
    const recent = new Date(now - 10 * MINUTE_MS);
    const old = new Date(now - 2 * HOUR_MS);
    // 35 °C is over a thermostat's bound: one alert; the silent device is another; the disabled one none.
    const online = await createDevice(user.id, { readings: [{ key: "temperature", values: [[recent, 35], [old, 19]] }] });
    await testDb().device.update({ where: { id: online.id }, data: { lastSeenAt: recent } });
    await createDevice(user.id);
    await createDevice(user.id, { enabled: false });
    await createDevice(other.id, { readings: [{ key: "temperature", values: [[recent, 1]] }] });

    expect(await fleetSummary(personOf({ id: user.id, role: "STANDARD" }), now)).toEqual({
      devices: { total: 3, online: 1, offline: 1, disabled: 1 },
      readingsLastHour: 1,
      alerts: 2,
    });
    const admin = await fleetSummary(personOf({ id: user.id, role: "ADMIN" }), now);
    expect(admin.devices.total).toBeGreaterThanOrEqual(4);
    expect(admin.readingsLastHour).toBeGreaterThanOrEqual(2);
  });

  it("agrees with the summary added up from the overviews of the same devices", async () => {
    const now = Date.now();
    const user = await createUser();
    const recent = new Date(now - 5 * MINUTE_MS);
    const hot = await createDevice(user.id, { readings: [{ key: "temperature", values: [[recent, 35], [new Date(now - 20 * MINUTE_MS), 21], [new Date(now - 3 * HOUR_MS), 19]] }] });
    await testDb().device.update({ where: { id: hot.id }, data: { lastSeenAt: recent } });
    await createDevice(user.id);
    await createDevice(user.id, { enabled: false });
    const caller = personOf(user);
    const { data } = await listOverview(caller, { limit: 100 }, now);
    expect(summarizeOverview(data)).toEqual(await fleetSummary(caller, now));
    expect(summarizeOverview(data)).toMatchObject({ readingsLastHour: 2, alerts: 2 });
  });
});
