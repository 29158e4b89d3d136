// Axis ticks a person can read. Values fall on 1, 2, 2.5 or 5 × 10^k with just enough decimals that
// no two labels read alike; times fall on whole minutes, hours, days, weeks or months of the viewer's
// own time zone, with the date where a day begins. Recharts' own ticks for a time axis fall at round
// numbers of milliseconds (04:10, 07:45), and its number ticks are rounded only by the formatter.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { localParts, localTime } from "./chart-zone";

export type ValueScale = { ticks: number[]; domain: [number, number]; decimals: number };

const MANTISSAS = [1, 2, 2.5, 5, 10] as const;

/** Nice ticks covering [min, max], at most `most` of them. */
export function valueTicks(min: number, max: number, most = 6): ValueScale {
  let [lo, hi] = min <= max ? [min, max] : [max, min];
  // A flat line still needs an axis: a little room either side of its one value.
  if (hi - lo < Math.max(Math.abs(hi), Math.abs(lo)) * 1e-9 || hi === lo) {
    const pad = Math.max(Math.abs(lo) * 0.05, 1e-3);
    [lo, hi] = [lo - pad, hi + pad];
  }
  const intervals = Math.max(1, most - 1);
  const exponent = Math.floor(Math.log10((hi - lo) / intervals));
  for (let p = exponent; ; p++) {
    for (const mantissa of MANTISSAS) {
      const step = mantissa * 10 ** p;
      const first = Math.floor(lo / step + 1e-9);
      const last = Math.ceil(hi / step - 1e-9);
      if (last - first + 1 > most) continue;
      // 2.5 × 10^p needs one more decimal than 10^p; 10 × 10^p one fewer.
      const decimals = Math.max(0, -p + (mantissa === 2.5 ? 1 : mantissa === 10 ? -1 : 0));
      // Rounded to those decimals, so that 0.1 × 3 is 0.3 and the labels are the values.
      const ticks = Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
      return { ticks, domain: [ticks[0]!, ticks.at(-1)!], decimals };
    }
  }
}

/**
 * The values an axis should span: the data's, widened to an alert threshold that lies near it (at
 * most the data's own span away), so that a line close to its bound shows it, while a distant bound
 * does not flatten the line into a strip.
 */
export function valueExtent(min: number, max: number, thresholds: number[]): [number, number] {
  const reach = Math.max(max - min, Math.abs(max) * 0.05, 1e-3);
  let [lo, hi] = [min, max];
  for (const threshold of thresholds) {
    if (threshold < lo && lo - threshold <= reach) lo = threshold;
    if (threshold > hi && threshold - hi <= reach) hi = threshold;
  }
  return [lo, hi];
}

type Unit = "minute" | "day" | "week" | "month";
type Step = { unit: Unit; n: number; ms: number };

const STEPS: Step[] = [
  ...[1, 2, 5, 10, 15, 30].map((n) => ({ unit: "minute" as const, n, ms: n * MINUTE_MS })),
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: "minute" as const, n: n * 60, ms: n * HOUR_MS })),
  ...[1, 2, 3].map((n) => ({ unit: "day" as const, n, ms: n * DAY_MS })),
  ...[1, 2].map((n) => ({ unit: "week" as const, n, ms: n * 7 * DAY_MS })),
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: "month" as const, n, ms: n * 30 * DAY_MS })),
];

export type TimeTicks = { ticks: number[]; labels: Map<number, string> };

/**
 * Ticks between from and to (epoch ms) at the finest nice step that gives at most `most` of them,
 * on the boundaries of `timeZone`'s clock and calendar. A tick where a day begins is labelled with
 * its date, any other with its time of day.
 */
export function timeTicks(from: number, to: number, timeZone: string, most = 6): TimeTicks {
  for (const step of STEPS) {
    // A first guess from the step's length; the count itself decides.
    if ((to - from) / step.ms > most + 1) continue;
    const all = step.unit === "minute" ? clockTicks(from, to, step.n, timeZone) : calendarTicks(from, to, step, timeZone);
    const ticks = all.length === most + 1 ? withoutEdgeTick(all, from, to) : all;
    if (ticks.length <= most) return { ticks, labels: labelsFor(ticks, step.unit, timeZone) };
  }
  return { ticks: [], labels: new Map() };
}

/**
 * The ticks without one that sits on the range's very edge, where its label would be half cut off:
 * a range that starts or ends just past a boundary (60 h from 00:00 to 12:05) would otherwise have
 * one tick too many at a fine step and fall to a far coarser one (3 dates instead of 5 ticks).
 */
function withoutEdgeTick(ticks: number[], from: number, to: number): number[] {
  const edge = (to - from) * EDGE_SHARE;
  if (ticks[0]! - from <= edge) return ticks.slice(1);
  if (to - ticks.at(-1)! <= edge) return ticks.slice(0, -1);
  return ticks;
}

/** How near an end of the range, as a share of it, a tick is on its edge. */
const EDGE_SHARE = 0.02;

/** Instants whose local time of day is a multiple of `minutes` (a divisor of a day). */
function clockTicks(from: number, to: number, minutes: number, timeZone: string): number[] {
  // Every zone's offset is a whole number of quarter hours, so candidates this far apart meet every
  // local multiple of `minutes`.
  const every = gcd(minutes, 15) * MINUTE_MS;
  const ticks: number[] = [];
  const seen = new Set<string>();
  for (let t = Math.ceil(from / every) * every; t <= to; t += every) {
    const local = localParts(t, timeZone);
    if (local.second !== 0 || (local.hour * 60 + local.minute) % minutes !== 0) continue;
    // When the clocks go back an hour, its times come twice: one tick each.
    const key = `${local.year}-${local.month}-${local.day} ${local.hour}:${local.minute}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ticks.push(t);
  }
  return ticks;
}

/** Local midnights: every n days counted from 1970-01-01, Mondays every n weeks, or firsts of every n months. */
function calendarTicks(from: number, to: number, step: Step, timeZone: string): number[] {
  const start = localParts(from, timeZone);
  const ticks: number[] = [];
  // Walks the local calendar as UTC dates, where every day is 24 h long.
  for (let date = Date.UTC(start.year, start.month - 1, start.day); ; date += DAY_MS) {
    const day = new Date(date);
    const [year, month, dayOfMonth] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const t = localTime({ year, month, day: dayOfMonth, hour: 0, minute: 0 }, timeZone);
    if (t > to) break;
    if (t < from || !onStep(date / DAY_MS, month, dayOfMonth, step)) continue;
    ticks.push(t);
  }
  return ticks;
}

function onStep(dayNumber: number, month: number, dayOfMonth: number, step: Step): boolean {
  if (step.unit === "day") return dayNumber % step.n === 0;
  // Day 0 (1970-01-01) was a Thursday: day 4 was a Monday.
  if (step.unit === "week") return (dayNumber + 3) % 7 === 0 && Math.floor((dayNumber + 3) / 7) % step.n === 0;
  return dayOfMonth === 1 && (month - 1) % step.n === 0;
}

function labelsFor(ticks: number[], unit: Unit, timeZone: string): Map<number, string> {
  const time = new Intl.DateTimeFormat("en", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const date = new Intl.DateTimeFormat("en", { timeZone, month: "short", day: "numeric" });
  const month = new Intl.DateTimeFormat("en", { timeZone, month: "short", year: "numeric" });
  return new Map(
    ticks.map((t) => {
      if (unit === "month") return [t, month.format(t)];
      if (unit !== "minute") return [t, date.format(t)];
      const local = localParts(t, timeZone);
      return [t, local.hour === 0 && local.minute === 0 ? date.format(t) : time.format(t)];
    }),
  );
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
