// The usage pages' time ranges, each with the bucket its chart uses, from a query string value.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";

export const USAGE_RANGES = {
  "1h": { label: "1 h", ms: HOUR_MS, bucketMs: MINUTE_MS },
  "24h": { label: "24 h", ms: 24 * HOUR_MS, bucketMs: HOUR_MS },
  "7d": { label: "7 d", ms: 7 * DAY_MS, bucketMs: HOUR_MS },
  "30d": { label: "30 d", ms: 30 * DAY_MS, bucketMs: DAY_MS },
} as const;

export type UsageRange = keyof typeof USAGE_RANGES;

export const DEFAULT_USAGE_RANGE: UsageRange = "24h";

/** A range from ?range=…: one of the four, or the default for anything else (a list, a typo). */
export function parseUsageRange(value: string | string[] | undefined): UsageRange {
  return typeof value === "string" && Object.hasOwn(USAGE_RANGES, value) ? (value as UsageRange) : DEFAULT_USAGE_RANGE;
}

/** The window a range covers at `now`: whole buckets (UTC), the current one last. */
export function usageWindow(range: UsageRange, now: number): { from: number; to: number; bucketMs: number } {
  const { ms, bucketMs } = USAGE_RANGES[range];
  const to = (Math.floor(now / bucketMs) + 1) * bucketMs;
  return { from: to - ms, to, bucketMs };
}
