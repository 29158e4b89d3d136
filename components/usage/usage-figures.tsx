// A range's requests, errors and error rate in words, and the chart of them: the words are the
// chart's text alternative.
import { USAGE_RANGES, type UsageRange } from "@/lib/usage/range";
import { errorRate, type UsageSeries } from "@/lib/usage/queries";
import { HOUR_MS } from "@/lib/time";
import { UsageChart } from "./usage-chart";
import { formatCount, formatRate } from "./format";

export function UsageFigures({ series, range, title }: { series: UsageSeries; range: UsageRange; title: string }) {
  const { totals } = series;
  const bucket = series.bucketMs >= 24 * HOUR_MS ? "day" : series.bucketMs >= HOUR_MS ? "hour" : "minute";
  return (
    <figure className="mb-6 min-w-0 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900" data-testid="usage-chart">
      <figcaption className="mb-3">
        <h2 className="font-medium">{title}</h2>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <Figure label="Requests" value={formatCount(totals.requests)} testId="total-requests" />
          <Figure label="Errors" value={formatCount(totals.errors)} testId="total-errors" />
          <Figure label="Error rate" value={formatRate(errorRate(totals))} testId="error-rate" />
        </dl>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          Last {USAGE_RANGES[range].label}, a point per {bucket} (UTC); blue: requests, red: the errors among them (a 4xx or 5xx answer).
        </p>
      </figcaption>
      {totals.requests === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700">No requests in this range.</p>
      ) : (
        <UsageChart points={series.points} from={series.from} to={series.to} bucketMs={series.bucketMs} />
      )}
    </figure>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex gap-2">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId}>{value}</dd>
    </div>
  );
}
