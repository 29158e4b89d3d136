import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import { SCOPES } from "@/lib/access/scopes";
import { getPolicy, rotationWindowMs } from "./policy";

// These read the migration's defaults; no test file changes the shared Policy rows.
describe("getPolicy", () => {
  it("gives STANDARD 90 days and the four device scopes", async () => {
    expect(await getPolicy("STANDARD")).toEqual({
      role: "STANDARD",
      scopes: ["devices:read", "devices:write", "telemetry:read", "telemetry:write"],
      maxLifetimeDays: 90,
      rotationIntervalDays: 90,
      gracePeriodHours: 24,
      idleDisableDays: 60,
    });
  });

  it("gives ADMIN 180 days and all seven scopes", async () => {
    const policy = await getPolicy("ADMIN");
    expect(policy).toMatchObject({ role: "ADMIN", maxLifetimeDays: 180, rotationIntervalDays: 180 });
    expect(policy.scopes).toEqual([...SCOPES]);
    expect(policy.scopes).toHaveLength(7);
  });
});

describe("rotationWindowMs", () => {
  it("is a seventh of the rotation interval", () => {
    expect(rotationWindowMs({ rotationIntervalDays: 14 })).toBe(2 * DAY_MS);
    expect(rotationWindowMs({ rotationIntervalDays: 7 })).toBe(DAY_MS);
    expect(rotationWindowMs({ rotationIntervalDays: 1 })).toBe(DAY_MS / 7);
  });

  it("is at most a week", () => {
    expect(rotationWindowMs({ rotationIntervalDays: 49 })).toBe(7 * DAY_MS);
    expect(rotationWindowMs({ rotationIntervalDays: 90 })).toBe(7 * DAY_MS);
    expect(rotationWindowMs({ rotationIntervalDays: 180 })).toBe(7 * DAY_MS);
  });

  it("has consistent units", () => {
    expect(DAY_MS).toBe(24 * HOUR_MS);
    expect(HOUR_MS).toBe(HOUR_MS);
  });
});
