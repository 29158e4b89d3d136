// What the charts share: time along the bottom, labelled by the hour or, past two days, by the
// day; ticks and lines in the text colour, so that the theme sets them; the tooltip's box.
import { dayTicks } from "@/lib/devices/chart-ticks";
import { DAY_MS } from "@/lib/time";

export const AXIS_STYLE = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "currentColor" } as const;

/** An XAxis's props for points keyed `t` (epoch ms) between from and to. */
export function timeAxis(from: number, to: number) {
  const long = to - from > 2 * DAY_MS;
  const tick = new Intl.DateTimeFormat(undefined, long ? { month: "short", day: "numeric" } : { hour: "2-digit", minute: "2-digit" });
  return {
    dataKey: "t",
    type: "number",
    scale: "time",
    ticks: long ? dayTicks(from, to) : undefined,
    tickFormatter: (t: number) => tick.format(t),
    minTickGap: 24,
    ...AXIS_STYLE,
  } as const;
}

/** The box a chart's tooltip is drawn in. */
export const TOOLTIP_BOX =
  "rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-900 shadow dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";
