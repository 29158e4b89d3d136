// A series' buckets as chart points over the whole range, with an empty point where a bucket had
// no readings, so that the chart breaks its line at a gap instead of drawing across it.
import type { Bucket } from "./telemetry";
import { SECOND_MS } from "@/lib/time";

/** `count`: the readings in the bucket, for the CSV download; 0 where the line breaks. */
export type ChartPoint = { t: number; avg: number | null; band: [number, number] | null; count: number };

export function chartPoints(buckets: Bucket[], range: { from: string; to: string; bucketSeconds: number }): ChartPoint[] {
  const step = range.bucketSeconds * SECOND_MS;
  const byTime = new Map(buckets.map((b) => [Date.parse(b.time), b]));
  const points: ChartPoint[] = [];
  for (let t = Date.parse(range.from); t < Date.parse(range.to); t += step) {
    const bucket = byTime.get(t);
    points.push(bucket ? { t, avg: bucket.avg, band: [bucket.min, bucket.max], count: bucket.count } : { t, avg: null, band: null, count: 0 });
  }
  return points;
}

/** The range's own figures in words: the chart's text alternative. */
export function seriesSummary(buckets: Bucket[]): { avg: number; min: number; max: number; count: number } | null {
  const count = buckets.reduce((sum, b) => sum + b.count, 0);
  if (count === 0) return null;
  return {
    avg: buckets.reduce((sum, b) => sum + b.avg * b.count, 0) / count,
    min: Math.min(...buckets.map((b) => b.min)),
    max: Math.max(...buckets.map((b) => b.max)),
    count,
  };
}
