// What the dashboard pages read, always through the device API with the user's own token.
import "server-only";
import { cache } from "react";
import { telemetryQuery, type ChartRange } from "@/lib/devices/chart-range";
import type { DeviceDto, LatestReading } from "@/lib/devices/devices";
import type { Series } from "@/lib/devices/telemetry";
import type { DeviceOverview } from "@/lib/devices/overview";
import { MAX_PAGE_SIZE } from "@/lib/devices/devices";
import { AccessRevokedError, DeviceApiError, deviceClient } from "./device-client";

/** `at`: when the data was read, for the page's "updated N s ago". */
type Loaded<T> = { state: "ok"; data: T; at: number } | { state: "revoked" } | { state: "not_found" };

async function load<T>(work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    const at = Date.now();
    return { state: "ok", data: await work(), at };
  } catch (error) {
    return settle(error);
  }
}

/** The page state for an expected failure; anything else is thrown on to the error page. */
function settle(error: unknown): { state: "revoked" } | { state: "not_found" } {
  if (error instanceof AccessRevokedError) return { state: "revoked" };
  // A malformed id is as unknown as a missing one.
  if (error instanceof DeviceApiError && (error.status === 404 || error.status === 400)) return { state: "not_found" };
  throw error;
}

/**
 * Every device the user may see, with its tile's readings and alerts, a page of the API at a time.
 * Once a request: the homepage's fleet summary is added up from the same devices as its tiles.
 */
export const loadOverview = cache((userId: string): Promise<Loaded<DeviceOverview[]>> => {
  const client = deviceClient(userId);
  return load(async () => {
    const all: DeviceOverview[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.get<{ data: DeviceOverview[]; nextCursor: string | null }>("/overview", { limit: String(MAX_PAGE_SIZE), cursor });
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  });
});

/** Once a request: the page and its title both ask. */
export const loadDevice = cache((userId: string, deviceId: string): Promise<Loaded<{ device: DeviceDto; latest: LatestReading[] }>> => {
  const client = deviceClient(userId);
  const path = `/devices/${encodeURIComponent(deviceId)}`;
  return load(async () => {
    const [device, latest] = await Promise.all([
      client.get<DeviceDto>(path),
      client.get<{ data: LatestReading[] }>(`${path}/readings/latest`),
    ]);
    return { device, latest: latest.data };
  });
});

export type TelemetryView = { data: Series[]; from: string; to: string; bucketSeconds: number };

/** A range the API refused (a `from` after `to`, over a year, not a date) is the form's error, not a 404. */
type Refused = { state: "invalid"; message: string; errors: Record<string, string[]> };

export async function loadTelemetry(userId: string, deviceId: string, range: ChartRange): Promise<Loaded<TelemetryView> | Refused> {
  const at = Date.now();
  const query = telemetryQuery(range, at);
  try {
    return { state: "ok", data: await deviceClient(userId).get<TelemetryView>(`/devices/${encodeURIComponent(deviceId)}/telemetry`, query), at };
  } catch (error) {
    // The device is known by now, so a 400 is about the range.
    if (error instanceof DeviceApiError && error.status === 400) return { state: "invalid", message: error.problem.detail, errors: error.problem.errors ?? {} };
    return settle(error);
  }
}
