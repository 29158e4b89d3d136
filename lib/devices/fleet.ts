// The whole fleet, light: the homepage's search, filter, sort and paging, and the fleet summary,
// from a statement that reads no tile data (sql.ts fleetDevicesSql), remembered for a few seconds
// (fleet-cache.ts). The tiles of the page asked for are then read by id, so that a view reads 48
// overviews whether the caller sees 100 devices or 10,000.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { visibleSql } from "@/lib/access/visible";
import { asBool, readRows } from "@/lib/db-read";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deviceAlerts, type DeviceAlert } from "./alerts";
import { DEVICE_KINDS, type MetricSpec } from "./catalog";
import { filterDevices, pageOf, type DeviceFilter } from "./filter";
import { readOverviews, type DeviceOverview, type FleetSummary } from "./overview";
import { cache, fleetCacheMs, MAX_CACHED, type Cached } from "./fleet-cache";
import { fleetDevicesSql, fleetLastHourSql } from "./sql";
import { deviceStatus, ONLINE_WINDOW_MS, type DeviceStatus } from "./status";

/** A device as the search and the summary see it. */
export type FleetDevice = { id: string; name: string; location: string; status: DeviceStatus; lastSeenAt: string | null; alerts: DeviceAlert[] };

type Stored = [id: string, name: string, location: string, kind: string, enabled: 0 | 1 | boolean, lastSeenAt: number | null, metrics: [key: string, unit: string, value: number | null][] | null];

/** The metrics whose readings can raise an alert, of any kind: only their newest values are read. */
const ALERT_KEYS = [...new Set(Object.values(DEVICE_KINDS).flatMap((kind): readonly MetricSpec[] => kind.metrics).filter((m) => m.alert).map((m) => m.key))];

/** The caller's fleet, read or remembered; keyed by the owner filter itself, so that two callers share only what both may see. */
async function fleetOf(caller: Caller, now: number): Promise<{ visible: Prisma.Sql; entry: Cached<FleetDevice> }> {
  const visible = visibleSql(caller);
  const key = JSON.stringify([visible.sql, visible.values]);
  const known = cache.entries.get(key) as Cached<FleetDevice> | undefined;
  if (known && known.generation === cache.generation && now - known.at < fleetCacheMs() && now >= known.at) return { visible, entry: known };
  const generation = cache.generation;
  const [row] = await readRows<{ devices: string | null }>(fleetDevicesSql(visible, now, ONLINE_WINDOW_MS, ALERT_KEYS));
  const stored = JSON.parse(row?.devices ?? "[]") as Stored[];
  const devices = stored.map(([id, name, location, kind, enabled, seen, metrics]) => {
    const device = { kind, enabled: asBool(enabled), lastSeenAt: seen === null ? null : new Date(seen) };
    const latest = (metrics ?? []).map(([key, unit, value]) => ({ key, unit, value }));
    return { id, name, location, status: deviceStatus(device, now), lastSeenAt: device.lastSeenAt?.toISOString() ?? null, alerts: deviceAlerts(device, latest, now) };
  });
  const entry: Cached<FleetDevice> = { at: now, generation, devices };
  // Not kept when a change came while it was read: it may predate the change.
  if (generation === cache.generation) {
    cache.entries.delete(key);
    if (cache.entries.size >= MAX_CACHED) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(key, entry as Cached<never>);
  }
  return { visible, entry };
}

/** How many devices are online, offline and disabled, their readings in the last hour and their open alerts. */
export async function fleetSummary(caller: Caller, now = Date.now()): Promise<FleetSummary> {
  assertScope(caller, "devices:read");
  const { visible, entry } = await fleetOf(caller, now);
  if (entry.lastHour === undefined) {
    const [row] = await readRows<{ count: number | bigint | null }>(fleetLastHourSql(visible, now));
    entry.lastHour = Number(row?.count ?? 0);
  }
  const counts = { total: entry.devices.length, online: 0, offline: 0, disabled: 0 };
  let alerts = 0;
  for (const device of entry.devices) {
    counts[device.status]++;
    alerts += device.alerts.length;
  }
  return { devices: counts, readingsLastHour: entry.lastHour, alerts };
}

export type OverviewSearch = DeviceFilter & { page: number; limit: number };

/** One page of the search: its overviews in the search's order, where it is in the matches, and the fleet's size. */
export type OverviewSearchPage = { data: DeviceOverview[]; page: number; pages: number; first: number; last: number; total: number; all: number };

/** The devices matching a search, sorted, one page of them as overviews: the homepage's tiles. */
export async function searchOverview(caller: Caller, search: OverviewSearch, now = Date.now()): Promise<OverviewSearchPage> {
  assertScope(caller, "devices:read", "telemetry:read");
  const { devices } = (await fleetOf(caller, now)).entry;
  const { items, ...place } = pageOf(filterDevices(devices, search), search.page, search.limit);
  const byId = new Map((await readOverviews(caller, items.map((d) => d.id), now)).map((overview) => [overview.id, overview]));
  // A device deleted between the two reads is left out rather than shown empty.
  const data = items.flatMap((item) => byId.get(item.id) ?? []);
  return { data, ...place, all: devices.length };
}
