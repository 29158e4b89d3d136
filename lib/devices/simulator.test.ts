// The simulator's report, through a real HTTP server in front of the real ingest API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@/lib/testing/api-server";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { pushReadings, simulatorSettings } from "./simulator";
import { MINUTE_MS } from "@/lib/time";

let server: ApiServer;

beforeAll(async () => {
  server = await startApiServer();
});

afterAll(() => server.close());

describe("pushReadings", () => {
  it("fills the gap a minute at a time, then reports now, with the device's own token", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const { token } = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
    const now = Date.now();
    const simulated = { id: device.id, kind: "smart-plug" as const, token, index: 3, last: now - 10 * MINUTE_MS };
    const sent = await pushReadings(server.url, simulated, now);
    // Nine or ten whole minutes since `last` (depending on where `last` falls), plus now; three metrics each.
    expect([30, 33]).toContain(sent);
    expect(simulated.last).toBe(now);
    expect(await testDb().telemetry.count({ where: { metric: { deviceId: device.id } } })).toBe(sent);
    const stored = await testDb().device.findUniqueOrThrow({ where: { id: device.id }, select: { lastSeenAt: true } });
    expect(stored.lastSeenAt?.getTime()).toBe(now);
    expect(server.authorizations.at(-1)).toBe(`Bearer ${token}`);
  });

  it("carries on the seeded daily cycle, so that a minute's change is small, and follows a device's own signal", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const { token } = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
    const now = Date.now();
    const simulated = { id: device.id, kind: "soil-sensor" as const, token, index: 5, last: now - 60 * MINUTE_MS, signals: { battery: { base: 14 } } };
    await pushReadings(server.url, simulated, now);
    const values = async (key: string) =>
      (await testDb().telemetry.findMany({ where: { metric: { deviceId: device.id, key } }, orderBy: { time: "asc" }, select: { value: true } })).map((r) => r.value);
    const moisture = await values("moisture");
    expect(moisture.length).toBeGreaterThan(50);
    // Moisture swings 4 % a day with 0.6 % of noise: a minute apart, readings stay close.
    const steps = moisture.slice(1).map((v, i) => Math.abs(v - moisture[i]!));
    expect(Math.max(...steps)).toBeLessThan(2);
    expect(Math.max(...(await values("battery")))).toBeLessThan(15);
  });

  it("reports nothing and keeps its place when the API refuses the token", async () => {
    const user = await createUser();
    const device = await createDevice(user.id);
    const simulated = { id: device.id, kind: "thermostat" as const, token: "gth_dev_not-a-real-token", index: 1, last: Date.now() - 2 * MINUTE_MS };
    const before = simulated.last;
    expect(await pushReadings(server.url, simulated, Date.now())).toBe(0);
    expect(simulated.last).toBe(before);
  });
});

describe("simulatorSettings", () => {
  it("takes an empty value, as .env.example leaves it, for the default", () => {
    expect(simulatorSettings({ SIMULATOR_API_URL: "", SIMULATOR_INTERVAL_MS: "", PORT: "3333" })).toEqual({ base: "http://localhost:3333", intervalMs: 10_000 });
    expect(simulatorSettings({})).toEqual({ base: "http://localhost:3000", intervalMs: 10_000 });
    expect(simulatorSettings({ SIMULATOR_API_URL: " https://gatehouse.example/ ", SIMULATOR_INTERVAL_MS: "2000" })).toEqual({ base: "https://gatehouse.example", intervalMs: 2000 });
  });

  it("refuses a URL it cannot send to and an interval that would spin", () => {
    for (const url of ["localhost:3000", "ftp://x", "not a url"]) expect(() => simulatorSettings({ SIMULATOR_API_URL: url }), url).toThrow(/SIMULATOR_API_URL/);
    expect(() => simulatorSettings({ PORT: "abc" })).toThrow(/PORT must be/);
    for (const ms of ["0", "-5", "999", "1e3.5", "ten", "1000.5"]) expect(() => simulatorSettings({ SIMULATOR_INTERVAL_MS: ms }), ms).toThrow(/SIMULATOR_INTERVAL_MS/);
  });
});
