// The homepage's overview: newest readings, hourly sparkline points from the rollups, and alerts.
import { describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser } from "@/lib/testing/factories";
import { HOUR_MS, MINUTE_MS } from "@/lib/time";
import { listOverview } from "./overview";
import { SPARK_HOURS } from "./sparkline";
import { ingestReadings } from "./telemetry";

describe("listOverview", () => {
  it("gives each metric its newest reading and 24 hourly averages ending with the hour under way", async () => {
    const user = await createUser();
    const caller = personOf(user);
    const device = await createDevice(user.id);
    const now = Date.now();
    const thisHour = Math.floor(now / HOUR_MS) * HOUR_MS;
    // Two readings in the hour under way, two five hours ago, one outside the 24 hours.
    await ingestReadings(caller, device.id, [
      { metric: "temperature", time: new Date(thisHour - 25 * HOUR_MS), value: 99 },
      { metric: "temperature", time: new Date(thisHour - 5 * HOUR_MS), value: 10 },
      { metric: "temperature", time: new Date(thisHour - 5 * HOUR_MS + MINUTE_MS), value: 11 },
      { metric: "temperature", time: new Date(thisHour), value: 31 },
      { metric: "temperature", time: new Date(Math.min(thisHour + MINUTE_MS, now)), value: 33 },
      { metric: "humidity", time: new Date(thisHour - 2 * HOUR_MS), value: 40 },
    ]);

    const { data, nextCursor } = await listOverview(caller, { limit: 10 }, now);
    expect(nextCursor).toBeNull();
    expect(data).toHaveLength(1);
    const [overview] = data;
    const temperature = overview!.readings.find((r) => r.key === "temperature")!;
    expect(temperature.value).toBe(33);
    expect(temperature.last24h).toHaveLength(SPARK_HOURS);
    expect(temperature.last24h.at(-1)).toBe(32);
    expect(temperature.last24h.at(-6)).toBe(10.5);
    expect(temperature.last24h.filter((v) => v !== null)).toEqual([10.5, 32]);
    const humidity = overview!.readings.find((r) => r.key === "humidity")!;
    expect(humidity).toMatchObject({ value: 40, time: new Date(thisHour - 2 * HOUR_MS).toISOString() });
    expect(humidity.last24h.at(-3)).toBe(40);
  });

  it("leaves out readings after its now, which a device's clock may send", async () => {
    const user = await createUser();
    const caller = personOf(user);
    const device = await createDevice(user.id);
    const thisHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    await ingestReadings(caller, device.id, [
      { metric: "temperature", time: new Date(thisHour - 2 * HOUR_MS), value: 5 },
      { metric: "temperature", time: new Date(thisHour - HOUR_MS), value: 6 },
    ]);
    // Seen from two hours ago, the last hour's reading is ahead: not in the sparkline.
    const { data } = await listOverview(caller, { limit: 10 }, thisHour - HOUR_MS - MINUTE_MS);
    const { last24h } = data[0]!.readings[0]!;
    expect(last24h).toHaveLength(SPARK_HOURS);
    expect(last24h.at(-1)).toBe(5);
    expect(last24h.filter((v) => v !== null)).toEqual([5]);
  });

  it("lists alerts: a reading past its bound on an online device, a silent enabled device", async () => {
    const user = await createUser();
    const caller = personOf(user);
    const hot = await createDevice(user.id, { name: "A hot" });
    const silent = await createDevice(user.id, { name: "B silent" });
    const off = await createDevice(user.id, { name: "C off", enabled: false });
    await ingestReadings(caller, hot.id, [{ metric: "temperature", time: new Date(Date.now() - MINUTE_MS), value: 31.5 }]);

    const { data } = await listOverview(caller, { limit: 10 });
    const alertsOf = (id: string) => data.find((d) => d.id === id)!.alerts;
    expect(alertsOf(hot.id)).toEqual([{ metric: "temperature", message: "Temperature 31.5 °C is above 30 °C" }]);
    expect(alertsOf(silent.id)).toEqual([{ metric: null, message: "Has never reported" }]);
    expect(alertsOf(off.id)).toEqual([]);
    expect(data.find((d) => d.id === silent.id)!.readings).toEqual([]);
  });

  it("shows only the caller's devices, a page at a time", async () => {
    const user = await createUser();
    const other = await createUser();
    const mine = [await createDevice(user.id), await createDevice(user.id), await createDevice(user.id)].map((d) => d.id).sort();
    await createDevice(other.id);
    const caller = personOf(user);
    const first = await listOverview(caller, { limit: 2 });
    const second = await listOverview(caller, { limit: 2, cursor: first.nextCursor! });
    expect([...first.data, ...second.data].map((d) => d.id)).toEqual(mine);
    expect(second.nextCursor).toBeNull();
  });
});
