// What a homepage tile shows, and nothing more: the tiles are a client component, so these are the
// plain props that cross to the browser, worked out here (labels, figures in words, sparkline
// paths), so that neither the server's HTML render nor the browser redoes them.
import { kindLabel, metricLabel } from "./catalog";
import { formatReading } from "./format";
import type { DeviceOverview } from "./overview";
import { sparklinePath, sparklineSummary } from "./sparkline";
import type { DeviceStatus } from "./status";

export type Tile = {
  id: string;
  name: string;
  /** The kind's label and the location: "Soil sensor · Allotment". */
  about: string;
  status: DeviceStatus;
  lastSeenAt: string | null;
  /** The owner's name, for an admin's view of everyone's devices; null otherwise. */
  owner: string | null;
  alerts: string[];
  /** Each metric's label, newest value with its unit, and its last 24 hours as a path and in words. */
  readings: { key: string; label: string; value: string; path: string; summary: string }[];
};

export function toTile(device: DeviceOverview, showOwner: boolean): Tile {
  const kind = kindLabel(device.kind);
  return {
    id: device.id,
    name: device.name,
    about: device.location ? `${kind} · ${device.location}` : kind,
    status: device.status,
    lastSeenAt: device.lastSeenAt,
    owner: showOwner ? device.owner.name : null,
    alerts: device.alerts.map((alert) => alert.message),
    readings: device.readings.map(({ key, unit, value, last24h }) => {
      const label = metricLabel(device.kind, key);
      return { key, label, value: formatReading(value, unit), path: sparklinePath(last24h), summary: sparklineSummary(last24h, label, unit) };
    }),
  };
}
