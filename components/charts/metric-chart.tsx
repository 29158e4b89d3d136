"use client";
// One metric over a range: the average as a line over a band from the minimum to the maximum of
// each bucket. Only the device page imports it, so the homepage never loads Recharts.
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_STYLE, timeAxis, TOOLTIP_BOX } from "./chart-style";
import type { ChartPoint } from "@/lib/devices/chart-points";
import { formatReading } from "@/lib/devices/format";

type Props = { points: ChartPoint[]; unit: string; from: number; to: number };

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function MetricChart({ points, unit, from, to }: Props) {
  return (
    <div className="text-zinc-600 [--chart-band:var(--color-sky-200)] [--chart-line:var(--color-sky-700)] dark:text-zinc-400 dark:[--chart-band:var(--color-sky-900)] dark:[--chart-line:var(--color-sky-300)]">
      <ComposedChart responsive style={{ width: "100%", height: 220 }} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
        <XAxis {...timeAxis(from, to)} domain={[from, to]} />
        <YAxis width={56} domain={["auto", "auto"]} tickFormatter={(v: number) => number.format(v)} {...AXIS_STYLE} />
        <Tooltip content={({ active, payload }) => <PointTooltip active={active} point={payload?.[0]?.payload as ChartPoint | undefined} unit={unit} />} />
        <Area dataKey="band" name="Min–max" stroke="none" fill="var(--chart-band)" fillOpacity={0.8} isAnimationActive={false} />
        <Line dataKey="avg" name="Average" stroke="var(--chart-line)" strokeWidth={1.75} dot={false} isAnimationActive={false} />
      </ComposedChart>
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
