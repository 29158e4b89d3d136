// The tiles' view of a page of devices in one statement: each device with its owner, and each of
// its metrics with the newest reading, the last 24 hours (hourly, from the rollups) and its
// readings in the last hour; then its open alerts. The whole fleet's search and summary are
// fleet.ts's, which reads far less a device.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { visibleSql } from "@/lib/access/visible";
import { readRows } from "@/lib/db-read";
import { HOUR_MS } from "@/lib/time";
import { deviceAlerts, type DeviceAlert } from "./alerts";
import { deviceRowOf, MAX_PAGE_SIZE, toDeviceDto, type DeviceDto, type StoredDevice } from "./devices";
import { SPARK_HOURS } from "./sparkline";
import { overviewPageSql } from "./sql";
import type { DeviceStatus } from "./status";

export type FleetSummary = { devices: Record<DeviceStatus | "total", number>; readingsLastHour: number; alerts: number };

type MetricOverview = { key: string; unit: string; time: string | null; value: number | null; last24h: (number | null)[] };
export type DeviceOverview = DeviceDto & { readings: MetricOverview[]; alerts: DeviceAlert[]; readingsLastHour: number };

/** A device as the statement writes it (devices.ts StoredDevice), its metrics with their readings. */
type PageRow = StoredDevice<MetricRow>;
/** A metric: its newest reading ([time, value] or null), its count in the last hour, and its hours ("[slot,thousandths,…]", or null for none). */
type MetricRow = [key: string, unit: string, newest: [number, number] | null, lastHour: number, hours: string | null];

type Page = { limit: number; cursor?: string };

export async function listOverview(caller: Caller, page: Page, now = Date.now()): Promise<{ data: DeviceOverview[]; nextCursor: string | null }> {
  assertScope(caller, "devices:read", "telemetry:read");
  return readPage(caller, page, now);
}

/** A page of overviews, for a caller whose scopes listOverview has checked. */
async function readPage(caller: Caller, page: Page, now: number): Promise<{ data: DeviceOverview[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(1, page.limit), MAX_PAGE_SIZE);
  const rows = await readRowsOf(caller, { cursor: page.cursor, limit }, now);
  const more = rows.length > limit;
  const data = rows.slice(0, limit).map((row) => toOverview(row, now));
  return { data, nextCursor: more ? data.at(-1)!.id : null };
}

/** The overviews of the devices named, those the caller may see, in id order; for a caller whose scopes are checked (fleet.ts). */
export async function readOverviews(caller: Caller, ids: string[], now: number): Promise<DeviceOverview[]> {
  if (ids.length === 0) return [];
  return (await readRowsOf(caller, { ids, limit: ids.length }, now)).map((row) => toOverview(row, now));
}

/** One statement and one JSON array back (sql.ts). */
async function readRowsOf(caller: Caller, page: { cursor?: string; ids?: string[]; limit: number }, now: number): Promise<PageRow[]> {
  const firstHour = Math.floor(now / HOUR_MS) * HOUR_MS - (SPARK_HOURS - 1) * HOUR_MS;
  const [result] = await readRows<{ page: string }>(overviewPageSql({ visible: visibleSql(caller), ...page, now, firstHour, hours: SPARK_HOURS }));
  return JSON.parse(result?.page ?? "[]") as PageRow[];
}

function toOverview(stored: PageRow, now: number): DeviceOverview {
  const row = deviceRowOf(stored);
  const metrics = stored[9]; // its metrics, last in the tuple
  const readings = metrics.map(([key, unit, newest, , hours]) => ({
    key,
    unit,
    time: newest ? new Date(newest[0]).toISOString() : null,
    value: newest ? newest[1] : null,
    last24h: hourly(hours),
  }));
  const readingsLastHour = metrics.reduce((sum, [, , , lastHour]) => sum + lastHour, 0);
  return { ...toDeviceDto(row, now), readings, alerts: deviceAlerts(row, readings, now), readingsLastHour };
}

/** SPARK_HOURS slots, each an hour's average to three decimals, or null for an hour without readings. */
function hourly(hours: string | null): (number | null)[] {
  const slots: (number | null)[] = Array.from({ length: SPARK_HOURS }, () => null);
  const pairs = hours === null ? [] : (JSON.parse(hours) as number[]);
  for (let i = 0; i < pairs.length; i += 2) slots[pairs[i]!] = pairs[i + 1]! / 1000;
  return slots;
}
