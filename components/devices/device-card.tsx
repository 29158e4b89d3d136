// One device on the homepage: name, kind, status, last seen and, for admins, its owner.
import Link from "next/link";
import { kindLabel } from "@/lib/devices/catalog";
import type { DeviceDto } from "@/lib/devices/devices";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "./status-badge";

export function DeviceCard({ device, showOwner }: { device: DeviceDto; showOwner: boolean }) {
  return (
    <li className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm transition hover:border-sky-400 dark:border-zinc-800 dark:bg-zinc-900 dark:hover:border-sky-600">
      <div className="flex items-start justify-between gap-3">
        <h2 className="font-medium">
          <Link href={`/devices/${device.id}`} className="hover:underline" data-testid="device-link">
            {device.name}
          </Link>
        </h2>
        <StatusBadge status={device.status} />
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {kindLabel(device.kind)}
        {device.location && ` · ${device.location}`}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <div>
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Last seen</dt>
          <dd className="text-zinc-800 dark:text-zinc-200">
            <RelativeTime time={device.lastSeenAt} />
          </dd>
        </div>
        {showOwner && (
          <div>
            <dt className="font-medium text-zinc-500 dark:text-zinc-400">Owner</dt>
            <dd className="text-zinc-800 dark:text-zinc-200">{device.owner.name}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
