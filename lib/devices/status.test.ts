import { describe, expect, it } from "vitest";
import { deviceStatus, ONLINE_WINDOW_MS } from "./status";

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const ago = (ms: number) => new Date(NOW - ms);

describe("deviceStatus", () => {
  it("calls a disabled device disabled, however recently it reported", () => {
    expect(deviceStatus({ enabled: false, lastSeenAt: ago(0) }, NOW)).toBe("disabled");
    expect(deviceStatus({ enabled: false, lastSeenAt: null }, NOW)).toBe("disabled");
  });

  it("calls a device online when it reported within the window, edge included", () => {
    expect(deviceStatus({ enabled: true, lastSeenAt: ago(0) }, NOW)).toBe("online");
    expect(deviceStatus({ enabled: true, lastSeenAt: ago(ONLINE_WINDOW_MS) }, NOW)).toBe("online");
  });

  it("calls a device offline once the window has passed or when it never reported", () => {
    expect(deviceStatus({ enabled: true, lastSeenAt: ago(ONLINE_WINDOW_MS + 1) }, NOW)).toBe("offline");
    expect(deviceStatus({ enabled: true, lastSeenAt: ago(24 * 60 * 60 * 1000) }, NOW)).toBe("offline");
    expect(deviceStatus({ enabled: true, lastSeenAt: null }, NOW)).toBe("offline");
  });

  it("measures against the current time by default", () => {
    expect(deviceStatus({ enabled: true, lastSeenAt: new Date() })).toBe("online");
    expect(deviceStatus({ enabled: true, lastSeenAt: new Date(Date.now() - 2 * ONLINE_WINDOW_MS) })).toBe("offline");
  });
});
