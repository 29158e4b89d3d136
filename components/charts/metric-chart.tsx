"use client";
// One metric over a range: the average as a line over a band from the minimum to the maximum of
// each bucket, with the metric's alert bounds as dashed lines. Only the device page imports it, so
// the homepage never loads Recharts.
import { useMemo } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_STYLE, ticksThatFit, timeAxis, TOOLTIP_BOX } from "./chart-style";
import { CsvDownload } from "./csv-download";
import { useChartFrame } from "./use-chart-frame";
import type { ChartPoint } from "@/lib/devices/chart-points";
import type { ChartThreshold } from "@/lib/devices/chart-thresholds";
import { valueExtent, valueTicks } from "@/lib/devices/chart-ticks";
import { formatReading } from "@/lib/devices/format";

type Props = { points: ChartPoint[]; unit: string; from: number; to: number; thresholds: ChartThreshold[]; label: string; fileName: string };

/** The room the value axis takes beside the plot. */
const Y_AXIS_PX = 56;

export function MetricChart({ points, unit, from, to, thresholds, label, fileName }: Props) {
  const { ref, width, timeZone } = useChartFrame<HTMLDivElement>();
  const x = useMemo(() => timeAxis(from, to, { timeZone, most: ticksThatFit(width - Y_AXIS_PX) }), [from, to, timeZone, width]);
  const y = useMemo(() => {
    const values = points.flatMap((p) => p.band ?? []);
    const [lo, hi] = valueExtent(Math.min(...values), Math.max(...values), thresholds.map((t) => t.value));
    const scale = valueTicks(lo, hi, 6);
    const format = new Intl.NumberFormat("en", { minimumFractionDigits: scale.decimals, maximumFractionDigits: scale.decimals });
    return { ...scale, format: (v: number) => format.format(v) };
  }, [points, thresholds]);
  return (
    <div
      ref={ref}
      className="text-zinc-600 [--chart-alert:var(--color-red-600)] [--chart-band:var(--color-sky-200)] [--chart-line:var(--color-sky-700)] dark:text-zinc-400 dark:[--chart-alert:var(--color-red-400)] dark:[--chart-band:var(--color-sky-900)] dark:[--chart-line:var(--color-sky-300)]"
    >
      <ComposedChart responsive style={{ width: "100%", height: 220 }} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
        <XAxis {...x} domain={[from, to]} />
        <YAxis width={Y_AXIS_PX} domain={y.domain} ticks={y.ticks} interval={0} tickFormatter={y.format} {...AXIS_STYLE} />
        <Tooltip content={({ active, payload }) => <PointTooltip active={active} point={payload?.[0]?.payload as ChartPoint | undefined} unit={unit} />} />
        <Area dataKey="band" name="Min–max" stroke="none" fill="var(--chart-band)" fillOpacity={0.8} isAnimationActive={false} />
        <Line dataKey="avg" name="Average" stroke="var(--chart-line)" strokeWidth={1.75} dot={false} isAnimationActive={false} />
        {thresholds.map((threshold) => (
          <ReferenceLine
            key={threshold.value}
            y={threshold.value}
            stroke="var(--chart-alert)"
            strokeDasharray="5 4"
            // A bound off the axis is left out (the figure's caption still names it).
            ifOverflow="discard"
            // The label on the side the data is, so that it stays inside the plot.
            label={{ value: threshold.label, position: threshold.side === "above" ? "insideBottomRight" : "insideTopRight", fill: "currentColor", fontSize: 11 }}
          />
        ))}
      </ComposedChart>
      <div className="mt-2 flex justify-end">
        <CsvDownload points={points} fileName={fileName} label={label} />
      </div>
    </div>
  );
}

function PointTooltip({ active, point, unit }: { active?: boolean; point?: ChartPoint; unit: string }) {
  if (!active || !point) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="font-medium">{new Date(point.t).toLocaleString()}</p>
      {point.avg === null || !point.band ? (
        <p>No readings</p>
      ) : (
        <>
          <p>Average {formatReading(point.avg, unit)}</p>
          <p>
            Range {formatReading(point.band[0], unit)} – {formatReading(point.band[1], unit)}
          </p>
        </>
      )}
    </div>
  );
}
