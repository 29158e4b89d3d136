// The chart range: preset links (they work without JavaScript and keep the view in the URL) and a
// custom from/to form.
import Link from "next/link";
import { PRESETS, type ChartRange, type Preset } from "@/lib/devices/chart-range";
import { CustomRangeForm } from "./custom-range-form";

type Props = { deviceId: string; range: ChartRange; errors?: Record<string, string[]>; message?: string };

export function RangePicker({ deviceId, range, errors, message }: Props) {
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <nav aria-label="Chart range">
        <ul className="flex flex-wrap gap-1 rounded-lg border border-zinc-200 bg-white p-1 dark:border-zinc-800 dark:bg-zinc-900">
          {(Object.keys(PRESETS) as Preset[]).map((key) => (
            <li key={key}>
              <Link
                href={`/devices/${deviceId}?range=${key}`}
                aria-current={range.preset === key ? "page" : undefined}
                className="block rounded-md px-3 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-sky-700 aria-[current=page]:text-white dark:text-zinc-300 dark:hover:bg-zinc-800"
              >
                {PRESETS[key].label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <CustomRangeForm from={range.preset ? "" : range.from} to={range.preset ? "" : range.to} errors={errors} message={message} />
    </div>
  );
}
