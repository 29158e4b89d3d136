import { describe, expect, it } from "vitest";
import { chartCsv, csvFileName } from "./chart-csv";
import { chartPoints } from "./chart-points";

describe("chartCsv", () => {
  it("writes every bucket of the chart, an empty one included, with UTC times", () => {
    const points = chartPoints(
      [
        { time: "2026-11-29T10:00:00.000Z", min: 1.5, max: 3, avg: 2.25, count: 4 },
        { time: "2026-11-29T12:00:00.000Z", min: -4, max: -4, avg: -4, count: 1 },
      ],
      { from: "2026-11-29T10:00:00.000Z", to: "2026-11-29T13:00:00.000Z", bucketSeconds: 3600 },
    );
    expect(chartCsv(points).split("\r\n")).toEqual([
      "time,min,avg,max,count",
      "2026-11-29T10:00:00Z,1.5,2.25,3,4",
      "2026-11-29T11:00:00Z,,,,0",
      "2026-11-29T12:00:00Z,-4,-4,-4,1",
      "",
    ]);
    expect(chartCsv([])).toBe("time,min,avg,max,count\r\n");
  });
});

describe("csvFileName", () => {
  it("names the device, metric and range with safe characters only", () => {
    expect(csvFileName("Cold frame", "temperature", "24h")).toBe("cold-frame-temperature-24h.csv");
    expect(csvFileName("Küche / \"Ofen\"", "pm25", "2026-11-20T12:00Z to 2026-11-22T00:00Z")).toBe("kuche-ofen-pm25-2026-11-20t12-00z-to-2026-11-22t00-00z.csv");
    expect(csvFileName("../../", "", "")).toBe("device-metric-range.csv");
  });
});
