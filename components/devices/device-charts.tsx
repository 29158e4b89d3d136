// The device page's charts: the range picker, then a chart a metric with its figures in words.
import { MetricChart } from "@/components/charts/metric-chart";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { LiveUpdates } from "@/components/layout/live-updates";
import { SlowDown, StaleNotice } from "@/components/layout/slow-down";
import { chartPoints, seriesSummary } from "@/lib/devices/chart-points";
import { PRESETS, type ChartRange } from "@/lib/devices/chart-range";
import { metricLabel } from "@/lib/devices/catalog";
import { formatReading } from "@/lib/devices/format";
import type { TelemetryView } from "@/lib/server/dashboard-data";
import { loadTelemetry } from "@/lib/server/dashboard-data";
import { RangePicker } from "./range-picker";

type Props = { userId: string; device: { id: string; kind: string }; range: ChartRange; liveEveryMs: number };

export async function DeviceCharts({ userId, device, range, liveEveryMs }: Props) {
  const loaded = await loadTelemetry(userId, device.id, range);
  if (loaded.state === "revoked" || loaded.state === "not_found") return <AccessRevoked />;
  if (loaded.state === "busy") return <SlowDown retryAfter={loaded.retryAfter} />;
  if (loaded.state === "invalid") {
    return <RangePicker deviceId={device.id} range={range} errors={loaded.errors} message={loaded.message} />;
  }
  const view = loaded.data;
  return (
    <>
      <RangePicker deviceId={device.id} range={range} />
      {loaded.stale && <StaleNotice retryAfter={loaded.stale.retryAfter} />}
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p data-testid="chart-range">{describeRange(range, view)}</p>
        {range.preset && <LiveUpdates renderedAt={loaded.at} everyMs={liveEveryMs} />}
      </div>
      {view.data.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700">This device has not reported any metric yet.</p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {view.data.map((series) => (
            <SeriesFigure key={series.metric} label={metricLabel(device.kind, series.metric)} series={series} view={view} />
          ))}
        </div>
      )}
    </>
  );
}

function SeriesFigure({ label, series, view }: { label: string; series: TelemetryView["data"][number]; view: TelemetryView }) {
  const summary = seriesSummary(series.buckets);
  return (
    <figure className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" data-testid={`chart-${series.metric}`}>
      <figcaption className="mb-2">
        <h3 className="font-medium">{label}</h3>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {summary
            ? `Average ${formatReading(summary.avg, series.unit)}, from ${formatReading(summary.min, series.unit)} to ${formatReading(summary.max, series.unit)}; line: average, band: minimum to maximum.`
            : "No readings in this range."}
        </p>
      </figcaption>
      {summary && <MetricChart points={chartPoints(series.buckets, view)} unit={series.unit} from={Date.parse(view.from)} to={Date.parse(view.to)} />}
    </figure>
  );
}

function describeRange(range: ChartRange, view: TelemetryView): string {
  const bucket = view.bucketSeconds >= 3600 ? `${view.bucketSeconds / 3600} h` : `${view.bucketSeconds / 60} min`;
  const utc = (iso: string) => iso.slice(0, 16).replace("T", " ");
  const span = range.preset ? `Last ${PRESETS[range.preset].label}` : `${utc(view.from)} to ${utc(view.to)} UTC`;
  return `${span}, in ${bucket} buckets`;
}
