// Wall-clock time in a named time zone, both ways, with Intl alone: the chart's ticks follow the
// viewer's zone, which is the browser's, not the server's.
import { DAY_MS } from "@/lib/time";

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      ...{ year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" },
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The date and time of day that the clocks of `timeZone` show at instant t. */
export function localParts(t: number, timeZone: string): LocalParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter(timeZone).formatToParts(t)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** How far `timeZone`'s clocks are ahead of UTC at instant t. */
function offsetAt(t: number, timeZone: string): number {
  const p = localParts(t, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant at which `timeZone`'s clocks show a date and time. A time that the clocks skip (when
 * they go forward) comes out as the instant they jump past it; one they show twice, as the first.
 */
export function localTime(local: Omit<LocalParts, "second">, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // The offsets a day either side: they differ only across a change of the clocks.
  const [before, after] = [offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone)];
  const shown = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  return shown.length > 0 ? Math.min(...shown) : wall - before;
}

/** The zone this JavaScript runs in: the browser's, on the client. */
export function runtimeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
