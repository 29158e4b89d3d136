// What the charts share: time along the bottom at nice steps of the viewer's clock, dated where a day
// begins; ticks and lines in the text colour, so that the theme sets them; the tooltip's box.
import { timeTicks } from "@/lib/devices/chart-ticks";
import { runtimeTimeZone } from "@/lib/devices/chart-zone";

export const AXIS_STYLE = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "currentColor" } as const;

/** Room a tick label needs along the bottom ("Nov 23", "Jan 2026"), for how many fit a width. */
const TICK_ROOM_PX = 52;

/** How many labels fit across `width` px (0 before the chart is measured): between 3 and 8. */
export function ticksThatFit(width: number): number {
  return width > 0 ? Math.min(8, Math.max(3, Math.floor(width / TICK_ROOM_PX))) : 6;
}

/** An XAxis's props for points keyed `t` (epoch ms) between from and to. */
export function timeAxis(from: number, to: number, { timeZone = runtimeTimeZone(), most = 6 }: { timeZone?: string; most?: number } = {}) {
  const { ticks, labels } = timeTicks(from, to, timeZone, most);
  const fallback = new Intl.DateTimeFormat("en", { timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return {
    dataKey: "t",
    type: "number",
    scale: "time",
    ticks,
    // Every one of them: they are spaced for the width already, and Recharts would drop a date.
    interval: 0,
    tickFormatter: (t: number) => labels.get(t) ?? fallback.format(t),
    ...AXIS_STYLE,
  } as const;
}

/** The box a chart's tooltip is drawn in. */
export const TOOLTIP_BOX =
  "rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-900 shadow dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
