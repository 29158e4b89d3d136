// A metric's alert bounds as the chart draws them: plain numbers with a label, from the same catalog
// entry that raises the alert (alerts.ts), so that the line and the alert agree.
import { metricSpec } from "./catalog";
import { formatReading } from "./format";

/** `side`: which side of the line raises the alert. */
export type ChartThreshold = { value: number; side: "below" | "above"; label: string };

export function chartThresholds(kind: string, metric: string): ChartThreshold[] {
  const spec = metricSpec(kind, metric);
  if (!spec?.alert) return [];
  const { below, above } = spec.alert;
  return [
    ...(below === undefined ? [] : [{ value: below, side: "below" as const, label: `Alert below ${formatReading(below, spec.unit)}` }]),
    ...(above === undefined ? [] : [{ value: above, side: "above" as const, label: `Alert above ${formatReading(above, spec.unit)}` }]),
  ];
}
