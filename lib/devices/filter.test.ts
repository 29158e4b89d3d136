import { describe, expect, it } from "vitest";
import type { DeviceDto } from "./devices";
import { filterDevices, parseDeviceFilter } from "./filter";

function device(name: string, status: DeviceDto["status"], lastSeenAt: string | null, location = ""): DeviceDto {
  return { id: name, name, kind: "thermostat", location, enabled: status !== "disabled", status, lastSeenAt, createdAt: "2026-01-01T00:00:00.000Z", owner: { id: "u", name: "U" }, metrics: [] };
}

const devices = [
  device("Porch", "offline", "2026-11-01T00:00:00.000Z", "Front"),
  device("Attic", "online", "2026-11-29T00:00:00.000Z"),
  device("Cellar", "disabled", null, "Basement"),
  device("Kitchen", "online", "2026-11-28T00:00:00.000Z"),
];

describe("parseDeviceFilter", () => {
  it("falls back to the defaults for anything unexpected", () => {
    expect(parseDeviceFilter({})).toEqual({ q: "", status: "all", sort: "name" });
    expect(parseDeviceFilter({ q: ["  porch ", "x"], status: "haunted", sort: "random" })).toEqual({ q: "porch", status: "all", sort: "name" });
    expect(parseDeviceFilter({ q: "x".repeat(1000) }).q).toBe("");
  });
});

describe("filterDevices", () => {
  it("searches names and locations, case-insensitively", () => {
    expect(filterDevices(devices, { q: "POR", status: "all", sort: "name" }).map((d) => d.name)).toEqual(["Porch"]);
    expect(filterDevices(devices, { q: "basement", status: "all", sort: "name" }).map((d) => d.name)).toEqual(["Cellar"]);
  });

  it("filters by status and sorts by name, status or last seen", () => {
    expect(filterDevices(devices, { q: "", status: "online", sort: "name" }).map((d) => d.name)).toEqual(["Attic", "Kitchen"]);
    expect(filterDevices(devices, { q: "", status: "all", sort: "status" }).map((d) => d.name)).toEqual(["Attic", "Kitchen", "Porch", "Cellar"]);
    expect(filterDevices(devices, { q: "", status: "all", sort: "last-seen" }).map((d) => d.name)).toEqual(["Attic", "Kitchen", "Porch", "Cellar"]);
  });
});

describe("filterDevices by alerts", () => {
  const withAlerts = devices.map((d, i) => ({ ...d, alerts: Array.from({ length: [1, 0, 0, 2][i]! }, () => ({})) }));

  it("keeps only devices with an open alert, and sorts the most alerts first", () => {
    expect(filterDevices(withAlerts, { q: "", status: "alerts", sort: "name" }).map((d) => d.name)).toEqual(["Kitchen", "Porch"]);
    expect(filterDevices(withAlerts, { q: "", status: "all", sort: "alerts" }).map((d) => d.name)).toEqual(["Kitchen", "Porch", "Attic", "Cellar"]);
  });
});
