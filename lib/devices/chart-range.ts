// The device page's chart range, from its query string: a preset ("24h") or a custom from/to that
// is handed to the device API as typed, so that the API alone decides what is valid.
import { DAY_MS, HOUR_MS } from "@/lib/time";

export const PRESETS = {
  "1h": { label: "1 h", ms: HOUR_MS },
  "6h": { label: "6 h", ms: 6 * HOUR_MS },
  "24h": { label: "24 h", ms: 24 * HOUR_MS },
  "7d": { label: "7 d", ms: 7 * DAY_MS },
  "30d": { label: "30 d", ms: 30 * DAY_MS },
} as const;

export type Preset = keyof typeof PRESETS;
const DEFAULT_PRESET: Preset = "24h";

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
