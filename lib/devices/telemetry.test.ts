// The chart query's time formatting, against the Date it stands in for.
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS } from "./rollups";
import { isoFormatter } from "./telemetry";

describe("isoFormatter", () => {
  it("writes what toISOString writes, across days, leap days, years and the epoch", () => {
    const iso = isoFormatter();
    const starts = [Date.parse("1969-12-30T00:00:00Z"), Date.parse("2000-02-28T00:00:00Z"), Date.parse("2024-12-30T22:00:00Z"), Date.now()];
    for (const start of starts) {
      for (let ms = start; ms < start + 4 * DAY_MS; ms += 2 * HOUR_MS + 61_001) expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("falls back to toISOString for years outside 0000-9999", () => {
    const iso = isoFormatter();
    for (const ms of [Date.parse("+010000-01-01T05:00:00Z"), Date.parse("-000001-06-01T00:00:00Z"), 0]) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});
