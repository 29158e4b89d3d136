import { describe, expect, it } from "vitest";
import { chartPoints, seriesSummary } from "./chart-points";
import { customRangeErrors, parseChartRange, telemetryQuery } from "./chart-range";

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
      { t: Date.parse("2026-11-29T10:00:00Z"), avg: 2, band: [1, 3], count: 1 },
      { t: Date.parse("2026-11-29T11:00:00Z"), avg: null, band: null, count: 0 },
      { t: Date.parse("2026-11-29T12:00:00Z"), avg: 4, band: [4, 4], count: 1 },
    ]);
  });

  it("sums up a series weighted by each bucket's count", () => {
    expect(seriesSummary([bucket("a", 1, 3, 2, 3), bucket("b", 0, 10, 6, 1)])).toEqual({ avg: 3, min: 0, max: 10, count: 4 });
    expect(seriesSummary([])).toBeNull();
  });
});

describe("customRangeErrors", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");

  it("lets a range in the past through, with an empty bound left to the API's default", () => {
    expect(customRangeErrors("2026-11-27T00:00:00.000Z", "2026-11-29T12:00:00Z", now)).toBeNull();
    expect(customRangeErrors("2026-11-27T01:00+01:00", "", now)).toBeNull();
    expect(customRangeErrors("", "2026-11-28T00:00:00Z", now)).toBeNull();
    // A browser's clock a few seconds ahead of the server's.
    expect(customRangeErrors("2026-11-29T11:00:00Z", "2026-11-29T12:00:30Z", now)).toBeNull();
  });

  it("names each fault beside its field, in the form's words rather than the API's", () => {
    expect(customRangeErrors("2026-11-28T00:00:00Z", "2026-11-27T00:00:00Z", now)).toEqual({ to: ["The end must be after the start"] });
    expect(customRangeErrors("2026-11-28T00:00:00Z", "2026-11-28T00:00:00Z", now)).toEqual({ to: ["The end must be after the start"] });
    expect(customRangeErrors("2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z", now)).toEqual({ to: ["A range may span at most 366 days"] });
    expect(customRangeErrors("2026-11-30T00:00:00Z", "", now)).toEqual({ from: ["The start cannot be in the future"] });
    expect(customRangeErrors("2026-11-28T00:00:00Z", "2026-12-01T00:00:00Z", now)).toEqual({ to: ["The end cannot be in the future"] });
    expect(customRangeErrors("yesterday", "2026-11-28T00:00:00Z", now)).toEqual({ from: ["Enter the start as a date and time"] });
    expect(customRangeErrors("2026-11-28", "2026-13-01T00:00:00Z", now)).toEqual({
      from: ["Enter the start as a date and time"],
      to: ["Enter the end as a date and time"],
    });
  });
});
