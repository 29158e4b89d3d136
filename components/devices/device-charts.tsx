// The device page's charts: the range picker, then a chart a metric with its figures in words. A
// custom range that cannot be shown is a form error beside the range's fields, over the default
// range's charts, so that the page never goes blank.
import { MetricChart } from "@/components/charts/metric-chart";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { LiveUpdates } from "@/components/layout/live-updates";
import { SlowDown, StaleNotice } from "@/components/layout/slow-down";
import { csvFileName } from "@/lib/devices/chart-csv";
import { chartPoints, seriesSummary } from "@/lib/devices/chart-points";
import { customRangeErrors, DEFAULT_PRESET, PRESETS, type ChartRange, type RangeErrors } from "@/lib/devices/chart-range";
import { chartThresholds } from "@/lib/devices/chart-thresholds";
import { metricLabel } from "@/lib/devices/catalog";
import { formatReading } from "@/lib/devices/format";
import type { TelemetryView } from "@/lib/server/dashboard-data";
import { loadTelemetry } from "@/lib/server/dashboard-data";
import { ChartRangeTransition, ChartsBusy, ChartsStatus } from "./chart-range-transition";
import { RangePicker } from "./range-picker";

type Props = { userId: string; device: { id: string; name: string; kind: string }; range: ChartRange; liveEveryMs: number };

const FALLBACK: ChartRange = { preset: DEFAULT_PRESET };

export async function DeviceCharts({ userId, device, range, liveEveryMs }: Props) {
  let errors: RangeErrors | null = range.preset ? null : customRangeErrors(range.from, range.to);
  let loaded = await loadTelemetry(userId, device.id, errors ? FALLBACK : range);
  if (loaded.state === "invalid") {
    // Refused by the API after all: its words are for programs, not for the person at the form.
    errors = { from: ["This range cannot be charted: choose another"] };
    loaded = await loadTelemetry(userId, device.id, FALLBACK);
  }
  if (loaded.state === "revoked" || loaded.state === "not_found") return <AccessRevoked />;
  if (loaded.state === "busy") return <SlowDown retryAfter={loaded.retryAfter} />;
  const shown = errors ? FALLBACK : range;
  const message = errors ? `Showing the last ${PRESETS[DEFAULT_PRESET].label} instead.` : undefined;
  if (loaded.state === "invalid") return <RangePicker deviceId={device.id} range={range} errors={errors ?? undefined} message={message} />;
  const view = loaded.data;
  const rangeName = shown.preset ?? `${view.from.slice(0, 16)}Z to ${view.to.slice(0, 16)}Z`;
  return (
    <ChartRangeTransition>
      <RangePicker deviceId={device.id} range={range} errors={errors ?? undefined} message={message} />
      {loaded.stale && <StaleNotice retryAfter={loaded.stale.retryAfter} />}
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p data-testid="chart-range">{describeRange(shown, view)}</p>
        <ChartsStatus />
        {shown.preset && <LiveUpdates renderedAt={loaded.at} everyMs={liveEveryMs} />}
      </div>
      <ChartsBusy>
        {view.data.length === 0 ? (
          <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700">This device has not reported any metric yet.</p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            {view.data.map((series) => (
              <SeriesFigure key={series.metric} kind={device.kind} series={series} view={view} fileName={csvFileName(device.name, series.metric, rangeName)} />
            ))}
          </div>
        )}
      </ChartsBusy>
    </ChartRangeTransition>
  );
}

type FigureProps = { kind: string; series: TelemetryView["data"][number]; view: TelemetryView; fileName: string };

function SeriesFigure({ kind, series, view, fileName }: FigureProps) {
  const label = metricLabel(kind, series.metric);
  const summary = seriesSummary(series.buckets);
  const thresholds = chartThresholds(kind, series.metric);
  return (
    <figure className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" data-testid={`chart-${series.metric}`}>
      <figcaption className="mb-2">
        <h3 className="font-medium">{label}</h3>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {summary
            ? `Average ${formatReading(summary.avg, series.unit)}, from ${formatReading(summary.min, series.unit)} to ${formatReading(summary.max, series.unit)}; line: average, band: minimum to maximum.`
            : "No readings in this range."}
          {thresholds.length > 0 && ` ${thresholds.map((t) => t.label).join(", ")}.`}
        </p>
      </figcaption>
      {summary && (
        <MetricChart
          points={chartPoints(series.buckets, view)}
          unit={series.unit}
          from={Date.parse(view.from)}
          to={Date.parse(view.to)}
          thresholds={thresholds}
          label={label}
          fileName={fileName}
        />
      )}
    </figure>
  );
}

function describeRange(range: ChartRange, view: TelemetryView): string {
  const bucket = view.bucketSeconds >= 3600 ? `${view.bucketSeconds / 3600} h` : `${view.bucketSeconds / 60} min`;
  const utc = (iso: string) => iso.slice(0, 16).replace("T", " ");
  const span = range.preset ? `Last ${PRESETS[range.preset].label}` : `${utc(view.from)} to ${utc(view.to)} UTC`;
  return `${span}, in ${bucket} buckets`;
}
