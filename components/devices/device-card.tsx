// One device on the homepage: name, status, open alerts, the newest value of each metric with its
// last 24 hours as a sparkline, when it was last seen and, for admins, its owner. Its look is the
// .device-card rules in globals.css: a hundred tiles make up most of the homepage, and each tile
// repeating fifteen class lists made up half of its HTML. While the device's page loads after a
// click, the tile says so (its link's pending dot, and the tile dims: it is busy).
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LinkPendingHint } from "@/components/layout/route-progress-hint";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Tile } from "@/lib/devices/tile";
import { Sparkline } from "./sparkline";
import { StatusBadge } from "./status-badge";

export function DeviceCard({ tile: device }: { tile: Tile }) {
  return (
    <li className="device-card has-data-link-pending:border-sky-500 has-data-link-pending:opacity-80" data-testid="device-card">
      <div className="device-card-head">
        <h2>
          {/* Not prefetched: each visible tile would fetch its dynamic page ahead, again after every live refresh. */}
          <Link href={`/devices/${device.id}`} prefetch={false} data-testid="device-link">
            {device.name} <LinkPendingHint className="ml-1 text-sky-600 dark:text-sky-400" />
          </Link>
        </h2>
        <div>
          {device.alerts.length > 0 && <Badge tone="red">{`${device.alerts.length} ${device.alerts.length === 1 ? "alert" : "alerts"}`}</Badge>}
          <StatusBadge status={device.status} />
        </div>
      </div>
      <p className="device-card-about">{device.about}</p>
      {device.alerts.length > 0 && (
        <ul className="device-card-alerts" aria-label={`Alerts for ${device.name}`} data-testid="device-alerts">
          {device.alerts.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {device.readings.length > 0 && (
        <dl className="device-card-readings">
          {device.readings.map((reading) => (
            <div key={reading.key}>
              <dt>{reading.label}</dt>
              <dd data-testid={`reading-${reading.key}`}>{reading.value}</dd>
              <dd>
                <Sparkline path={reading.path} summary={reading.summary} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      <dl className="device-card-footer">
        <div>
          <dt>Last seen</dt>
          <dd>
            <RelativeTime time={device.lastSeenAt} />
          </dd>
        </div>
        {device.owner !== null && (
          <div>
            <dt>Owner</dt>
            <dd>{device.owner}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
