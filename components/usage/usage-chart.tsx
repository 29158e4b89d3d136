"use client";
// Requests over a range as an area, with the errors among them as a second area in front. Only the
// usage pages import it, so no other page loads Recharts.
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_STYLE, timeAxis, TOOLTIP_BOX } from "@/components/charts/chart-style";
import type { UsagePoint } from "@/lib/usage/queries";

type Props = { points: UsagePoint[]; from: number; to: number; bucketMs: number };

const count = new Intl.NumberFormat("en");

export function UsageChart({ points, from, to, bucketMs }: Props) {
  return (
    <div className="text-zinc-600 [--chart-errors:var(--color-red-600)] [--chart-requests:var(--color-sky-600)] dark:text-zinc-400 dark:[--chart-errors:var(--color-red-400)] dark:[--chart-requests:var(--color-sky-400)]">
      <AreaChart responsive style={{ width: "100%", height: 220 }} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
        <XAxis {...timeAxis(from, to)} domain={[from, to - bucketMs]} />
        <YAxis width={56} allowDecimals={false} tickFormatter={(v: number) => count.format(v)} {...AXIS_STYLE} />
        <Tooltip content={({ active, payload }) => <PointTooltip active={active} point={payload?.[0]?.payload as UsagePoint | undefined} />} />
        <Area dataKey="requests" name="Requests" stroke="var(--chart-requests)" fill="var(--chart-requests)" fillOpacity={0.25} isAnimationActive={false} />
        <Area dataKey="errors" name="Errors" stroke="var(--chart-errors)" fill="var(--chart-errors)" fillOpacity={0.35} isAnimationActive={false} />
      </AreaChart>
    </div>
  );
}

function PointTooltip({ active, point }: { active?: boolean; point?: UsagePoint }) {
  if (!active || !point) return null;
  return (
    <div className={TOOLTIP_BOX}>
      <p className="font-medium">{new Date(point.t).toLocaleString()}</p>
      <p>{count.format(point.requests)} requests</p>
      <p>{count.format(point.errors)} errors</p>
    </div>
  );
}
