// The fleet at a glance: devices online, offline and disabled, readings in the last hour, open alerts.
import Link from "next/link";
import type { FleetSummary as Fleet } from "@/lib/devices/overview";

const number = new Intl.NumberFormat("en");

export function FleetSummary({ fleet }: { fleet: Fleet }) {
  const items = [
    ["Online", `${fleet.devices.online} of ${fleet.devices.total}`],
    ["Offline", String(fleet.devices.offline)],
    ["Disabled", String(fleet.devices.disabled)],
    ["Readings in the last hour", number.format(fleet.readingsLastHour)],
    [
      "Open alerts",
      fleet.alerts > 0 ? (
        <Link href="/?status=alerts&sort=alerts" className="text-red-800 underline-offset-2 hover:underline dark:text-red-300">
          {number.format(fleet.alerts)}
        </Link>
      ) : (
        "0"
      ),
    ],
  ] as const;
  return (
    <dl aria-label="Fleet summary" className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
