// What a homepage tile shows, and nothing more: the tiles are a client component, so these are the
// plain props that cross to the browser (labels resolved here, no ids but the device's).
import { kindLabel, metricLabel } from "./catalog";
import type { DeviceOverview } from "./overview";
import type { DeviceStatus } from "./status";

export type Tile = {
  id: string;
  name: string;
  kind: string;
  location: string;
  status: DeviceStatus;
  lastSeenAt: string | null;
  /** The owner's name, for an admin's view of everyone's devices; null otherwise. */
  owner: string | null;
  alerts: string[];
  readings: { key: string; label: string; unit: string; value: number | null; last24h: (number | null)[] }[];
};

export function toTile(device: DeviceOverview, showOwner: boolean): Tile {
  return {
    id: device.id,
    name: device.name,
    kind: kindLabel(device.kind),
    location: device.location,
    status: device.status,
    lastSeenAt: device.lastSeenAt,
    owner: showOwner ? device.owner.name : null,
    alerts: device.alerts.map((alert) => alert.message),
    readings: device.readings.map(({ key, unit, value, last24h }) => ({ key, label: metricLabel(device.kind, key), unit, value, last24h })),
  };
}
