// The chart range: preset links (they work without JavaScript and keep the view in the URL) and a
// custom from/to form.
import { PRESETS, type ChartRange, type Preset, type RangeErrors } from "@/lib/devices/chart-range";
import { RangeLink } from "./chart-range-transition";
import { CustomRangeForm } from "./custom-range-form";

type Props = { deviceId: string; range: ChartRange; errors?: RangeErrors; message?: string };

export function RangePicker({ deviceId, range, errors, message }: Props) {
  const custom = range.preset ? { from: "", to: "" } : { from: range.from, to: range.to };
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <nav aria-label="Chart range">
        <ul className="flex flex-wrap gap-1 rounded-lg border border-zinc-200 bg-white p-1 dark:border-zinc-800 dark:bg-zinc-900">
          {(Object.keys(PRESETS) as Preset[]).map((key) => (
            <li key={key}>
              <RangeLink href={`/devices/${deviceId}?range=${key}`} current={range.preset === key}>
                {PRESETS[key].label}
              </RangeLink>
            </li>
          ))}
        </ul>
      </nav>
      {/* A new range starts the form afresh: no error of the last attempt outlives it. */}
      <CustomRangeForm key={JSON.stringify(range)} {...custom} errors={errors} message={message} />
    </div>
  );
}
