// What the dashboard pages read, always through the device API with the user's own token.
import "server-only";
import { cache } from "react";
import { telemetryQuery, type ChartRange } from "@/lib/devices/chart-range";
import type { DeviceDto, LatestReading } from "@/lib/devices/devices";
import type { Series } from "@/lib/devices/telemetry";
import type { OverviewSearchPage } from "@/lib/devices/fleet";
import type { DeviceFilter } from "@/lib/devices/filter";
import type { FleetSummary } from "@/lib/devices/overview";
import { AccessRevokedError, DeviceApiError, deviceClient } from "./device-client";

/**
 * `at`: when the data was read, for the page's "updated N s ago"; `stale`: read earlier, shown
 * because the user's dashboard is over its rate limit; `busy`: over it with nothing to show.
 */
type Loaded<T> =
  | { state: "ok"; data: T; at: number; stale?: { retryAfter: number } }
  | { state: "revoked" }
  | { state: "not_found" }
  | { state: "busy"; retryAfter: number };

/**
 * The last good read of each page's data, per user, so that a page over the rate limit degrades
 * to what it showed a moment ago instead of failing. Bounded: the oldest entries go first.
 */
const lastGood = new Map<string, { data: unknown; at: number }>();
const MAX_REMEMBERED = 500;

function remember(key: string, data: unknown, at: number): void {
  lastGood.delete(key);
  if (lastGood.size >= MAX_REMEMBERED) lastGood.delete(lastGood.keys().next().value!);
  lastGood.set(key, { data, at });
}

async function load<T>(key: string, work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    const at = Date.now();
    const data = await work();
    remember(key, data, at);
    return { state: "ok", data, at };
  } catch (error) {
    return settle(key, error);
  }
}

/** The page state for an expected failure; anything else is thrown on to the error page. */
function settle<T>(key: string, error: unknown): Exclude<Loaded<T>, { state: "ok"; stale?: undefined }> {
  if (error instanceof AccessRevokedError) return { state: "revoked" };
  if (error instanceof DeviceApiError && error.status === 429) {
    const retryAfter = error.retryAfter ?? 60;
    const last = lastGood.get(key);
    return last ? { state: "ok", data: last.data as T, at: last.at, stale: { retryAfter } } : { state: "busy", retryAfter };
  }
  // A malformed id is as unknown as a missing one.
  if (error instanceof DeviceApiError && (error.status === 404 || error.status === 400)) return { state: "not_found" };
  throw error;
}

/** The fleet summary beside the homepage's tiles. */
export function loadFleet(userId: string): Promise<Loaded<FleetSummary>> {
  return load(`${userId} fleet`, () => deviceClient(userId).get<FleetSummary>("/fleet"));
}

/** One page of the homepage's search, filter and sort, which the API runs over the whole fleet. */
export function loadOverviewSearch(userId: string, filter: DeviceFilter, page: number): Promise<Loaded<OverviewSearchPage>> {
  const query = { q: filter.q, status: filter.status, sort: filter.sort, page: String(page) };
  return load(`${userId} overview ${JSON.stringify(query)}`, () => deviceClient(userId).get<OverviewSearchPage>("/overview/search", query));
}

/** Once a request: the page and its title both ask. */
export const loadDevice = cache((userId: string, deviceId: string): Promise<Loaded<{ device: DeviceDto; latest: LatestReading[]; firstReadingAt: string | null }>> => {
  const client = deviceClient(userId);
  const path = `/devices/${encodeURIComponent(deviceId)}`;
  return load(`${userId} ${path}`, async () => {
    const [device, latest, first] = await Promise.all([
      client.get<DeviceDto>(path),
      client.get<{ data: LatestReading[] }>(`${path}/readings/latest`),
      client.get<{ time: string | null }>(`${path}/readings/first`),
    ]);
    return { device, latest: latest.data, firstReadingAt: first.time };
  });
});

export type TelemetryView = { data: Series[]; from: string; to: string; bucketSeconds: number };

/** A range the API refused (a `from` after `to`, over a year, not a date) is the form's error, not a 404. */
type Refused = { state: "invalid"; message: string; errors: Record<string, string[]> };

export async function loadTelemetry(userId: string, deviceId: string, range: ChartRange): Promise<Loaded<TelemetryView> | Refused> {
  const at = Date.now();
  const query = telemetryQuery(range, at);
  const path = `/devices/${encodeURIComponent(deviceId)}/telemetry`;
  const key = `${userId} ${path} ${JSON.stringify(range)}`;
  try {
    const data = await deviceClient(userId).get<TelemetryView>(path, query);
    remember(key, data, at);
    return { state: "ok", data, at };
  } catch (error) {
    // The device is known by now, so a 400 is about the range.
    if (error instanceof DeviceApiError && error.status === 400) return { state: "invalid", message: error.problem.detail, errors: error.problem.errors ?? {} };
    return settle(key, error);
  }
}
