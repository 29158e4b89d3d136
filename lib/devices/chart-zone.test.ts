import { describe, expect, it } from "vitest";
import { localParts, localTime } from "./chart-zone";

describe("chart-zone", () => {
  it("reads the clock of a zone, and finds the instant it shows a time", () => {
    const t = Date.parse("2026-11-23T04:07:12Z");
    expect(localParts(t, "Asia/Kolkata")).toEqual({ year: 2026, month: 11, day: 23, hour: 9, minute: 37, second: 12 });
    expect(localParts(Date.parse("2026-11-23T00:00:00Z"), "UTC").hour).toBe(0);
    expect(localTime({ year: 2026, month: 11, day: 23, hour: 0, minute: 0 }, "America/New_York")).toBe(Date.parse("2026-11-23T05:00:00Z"));
    expect(localTime({ year: 2026, month: 7, day: 1, hour: 0, minute: 0 }, "America/New_York")).toBe(Date.parse("2026-07-01T04:00:00Z"));
  });

  it("takes the first of a time shown twice, and the jump past a time the clocks skip", () => {
    // Berlin, 2026-10-25: 02:30 comes at 00:30 and again at 01:30 UTC.
    expect(localTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Berlin")).toBe(Date.parse("2026-10-25T00:30:00Z"));
    // Berlin, 2026-03-29: 02:30 never comes; the clocks jump from 02:00 to 03:00 at 01:00 UTC.
    expect(localTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 0 }, "Europe/Berlin")).toBe(Date.parse("2026-03-29T01:00:00Z"));
  });
});
