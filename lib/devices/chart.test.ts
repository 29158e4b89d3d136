import { describe, expect, it } from "vitest";
import { chartPoints, seriesSummary } from "./chart-points";
import { parseChartRange, telemetryQuery } from "./chart-range";

describe("parseChartRange", () => {
  it("reads a preset, and falls back to 24 h for a missing or unknown one", () => {
    expect(parseChartRange({ range: "7d" })).toEqual({ preset: "7d" });
    expect(parseChartRange({})).toEqual({ preset: "24h" });
    expect(parseChartRange({ range: "constructor" })).toEqual({ preset: "24h" });
    expect(parseChartRange({ range: ["30d", "1h"] })).toEqual({ preset: "30d" });
  });

  it("keeps a custom range as typed, for the API to judge", () => {
    expect(parseChartRange({ range: "7d", from: " yesterday ", to: "" })).toEqual({ preset: null, from: "yesterday", to: "" });
    expect(parseChartRange({ to: "x".repeat(500) })).toEqual({ preset: null, from: "", to: "x".repeat(100) });
  });
});

describe("telemetryQuery", () => {
  it("ends a preset now, and leaves out an empty custom bound so the API's default applies", () => {
    const now = Date.parse("2026-11-29T12:00:00Z");
    expect(telemetryQuery({ preset: "1h" }, now)).toEqual({ from: "2026-11-29T11:00:00.000Z", to: "2026-11-29T12:00:00.000Z" });
    expect(telemetryQuery({ preset: null, from: "2026-11-01T00:00:00Z", to: "" }, now)).toEqual({ from: "2026-11-01T00:00:00Z", to: undefined });
  });
});

describe("chartPoints", () => {
  const bucket = (time: string, min: number, max: number, avg: number, count = 1) => ({ time, min, max, avg, count });

  it("gives every bucket of the range a point, empty where nothing was read", () => {
    const buckets = [bucket("2026-11-29T10:00:00.000Z", 1, 3, 2), bucket("2026-11-29T12:00:00.000Z", 4, 4, 4)];
    expect(chartPoints(buckets, { from: "2026-11-29T10:00:00.000Z", to: "2026-11-29T13:00:00.000Z", bucketSeconds: 3600 })).toEqual([
      { t: Date.parse("2026-11-29T10:00:00Z"), avg: 2, band: [1, 3] },
      { t: Date.parse("2026-11-29T11:00:00Z"), avg: null, band: null },
      { t: Date.parse("2026-11-29T12:00:00Z"), avg: 4, band: [4, 4] },
    ]);
  });

  it("sums up a series weighted by each bucket's count", () => {
    expect(seriesSummary([bucket("a", 1, 3, 2, 3), bucket("b", 0, 10, 6, 1)])).toEqual({ avg: 3, min: 0, max: 10, count: 4 });
    expect(seriesSummary([])).toBeNull();
  });
});
