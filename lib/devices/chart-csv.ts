// The chart's data as a CSV file: one row a bucket, the time in ISO 8601 UTC, so that what a
// person downloads is exactly what the chart on screen was drawn from.
import type { ChartPoint } from "./chart-points";

export const CSV_HEADER = ["time", "min", "avg", "max", "count"] as const;

/** One row a bucket; a bucket without readings keeps its row, with empty values and a count of 0. */
export function chartCsv(points: ChartPoint[]): string {
  const rows = points.map((p) => [new Date(p.t).toISOString().replace(".000Z", "Z"), p.band?.[0] ?? "", p.avg ?? "", p.band?.[1] ?? "", p.count].join(","));
  return [CSV_HEADER.join(","), ...rows].join("\r\n") + "\r\n";
}

/** "cold-frame-temperature-24h.csv": the device, metric and range, in characters every system allows. */
export function csvFileName(device: string, metric: string, range: string): string {
  const slug = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
  return `${[slug(device) || "device", slug(metric) || "metric", slug(range) || "range"].join("-")}.csv`;
}
