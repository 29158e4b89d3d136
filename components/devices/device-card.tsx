// One device on the homepage: name, status, open alerts, the newest value of each metric with its
// last 24 hours as a sparkline, when it was last seen and, for admins, its owner.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Tile } from "@/lib/devices/tile";
import { Sparkline } from "./sparkline";
import { StatusBadge } from "./status-badge";

export function DeviceCard({ tile: device }: { tile: Tile }) {
  return (
    <li
      className="flex flex-col rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition focus-within:border-sky-500 hover:border-sky-400 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-sky-600"
      data-testid="device-card"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 className="min-w-0 font-medium">
          <Link href={`/devices/${device.id}`} className="break-words hover:underline" data-testid="device-link">
            {device.name}
          </Link>
        </h2>
        <div className="flex shrink-0 gap-1.5">
          {device.alerts.length > 0 && (
            <Badge tone="red">{`${device.alerts.length} ${device.alerts.length === 1 ? "alert" : "alerts"}`}</Badge>
          )}
          <StatusBadge status={device.status} />
        </div>
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{device.about}</p>
      {device.alerts.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-xs text-red-800 dark:text-red-300" aria-label={`Alerts for ${device.name}`} data-testid="device-alerts">
          {device.alerts.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {device.readings.length > 0 && (
        <dl className="mt-3 space-y-2">
          {device.readings.map((reading) => (
            <div key={reading.key} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3">
              <dt className="truncate text-xs text-zinc-600 dark:text-zinc-400">{reading.label}</dt>
              <dd className="text-right text-sm font-medium tabular-nums" data-testid={`reading-${reading.key}`}>
                {reading.value}
              </dd>
              <dd className="col-span-2">
                <Sparkline path={reading.path} summary={reading.summary} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <dl className="mt-auto grid grid-cols-2 gap-2 pt-3 text-xs text-zinc-600 dark:text-zinc-400">
        <div>
          <dt className="font-medium">Last seen</dt>
          <dd className="text-zinc-800 dark:text-zinc-200">
            <RelativeTime time={device.lastSeenAt} />
          </dd>
        </div>
        {device.owner !== null && (
          <div>
            <dt className="font-medium">Owner</dt>
            <dd className="text-zinc-800 dark:text-zinc-200">{device.owner}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
