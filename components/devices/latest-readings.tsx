// A device's newest reading of each metric, as a table: also the text alternative of its charts.
import { RelativeTime } from "@/components/ui/relative-time";
import { metricLabel } from "@/lib/devices/catalog";
import type { LatestReading } from "@/lib/devices/devices";
import { formatReading } from "@/lib/devices/format";

export function LatestReadings({ kind, latest }: { kind: string; latest: LatestReading[] }) {
  return (
    <section aria-labelledby="latest" className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="latest" className="mb-3 font-medium">
        Latest readings
      </h2>
      {latest.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No readings yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-1 font-medium">Metric</th>
              <th scope="col" className="py-1 font-medium">Value</th>
              <th scope="col" className="py-1 font-medium">When</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((metric) => (
              <tr key={metric.key} className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="py-2 font-normal">{metricLabel(kind, metric.key)}</th>
                <td className="py-2 tabular-nums" data-testid={`latest-${metric.key}`}>{formatReading(metric.value, metric.unit)}</td>
                <td className="py-2"><RelativeTime time={metric.time} fallback="no readings" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
