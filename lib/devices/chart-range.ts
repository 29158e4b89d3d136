// The device page's chart range, from its query string: a preset ("24h") or a custom from/to, which
// the form (before it navigates) and the page (for a link typed or shared) check in the same words;
// the device API still has the last say.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";

export const PRESETS = {
  "1h": { label: "1 h", ms: HOUR_MS },
  "6h": { label: "6 h", ms: 6 * HOUR_MS },
  "24h": { label: "24 h", ms: 24 * HOUR_MS },
  "7d": { label: "7 d", ms: 7 * DAY_MS },
  "30d": { label: "30 d", ms: 30 * DAY_MS },
} as const;

export type Preset = keyof typeof PRESETS;
export const DEFAULT_PRESET: Preset = "24h";

/** The device API's own limit on a range (lib/api/schemas.ts). */
const MAX_RANGE_DAYS = 366;

export type ChartRange = { preset: Preset } | { preset: null; from: string; to: string };

type Params = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 100) ?? "";

export function parseChartRange(params: Params): ChartRange {
  const [from, to] = [first(params.from), first(params.to)];
  if (from || to) return { preset: null, from, to };
  const range = first(params.range);
  return { preset: Object.hasOwn(PRESETS, range) ? (range as Preset) : DEFAULT_PRESET };
}

/** The telemetry query for a range: a preset ends now; a custom range goes as it came. */
export function telemetryQuery(range: ChartRange, now: number): { from?: string; to?: string } {
  if (range.preset) return { from: new Date(now - PRESETS[range.preset].ms).toISOString(), to: new Date(now).toISOString() };
  return { from: range.from || undefined, to: range.to || undefined };
}

export type RangeErrors = { from?: string[]; to?: string[] };

// What the device API reads as a time (an ISO 8601 date and time with its offset), and no more.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function parseTime(text: string): number | null {
  const time = ISO_TIME.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? null : time;
}

/**
 * What is wrong with a custom range, by field, in words meant for the person at the form; null when
 * it can be charted. An empty bound takes the API's default: the end now, the start a day before it.
 * The end may be up to a minute ahead, for a clock a little ahead of the server's.
 */
export function customRangeErrors(from: string, to: string, now = Date.now()): RangeErrors | null {
  const [start, end] = [from ? parseTime(from) : null, to ? parseTime(to) : now];
  const errors: RangeErrors = {};
  if (from && start === null) errors.from = ["Enter the start as a date and time"];
  else if (start !== null && start > now) errors.from = ["The start cannot be in the future"];
  if (end === null) errors.to = ["Enter the end as a date and time"];
  else if (end > now + MINUTE_MS) errors.to = ["The end cannot be in the future"];
  if (errors.from || errors.to) return errors;
  // An empty start is a day before the end: always in order.
  if (start === null || end === null) return null;
  if (end <= start) return { to: ["The end must be after the start"] };
  if (end - start > MAX_RANGE_DAYS * DAY_MS) return { to: [`A range may span at most ${MAX_RANGE_DAYS} days`] };
  return null;
}
