// What the dashboard pages read, always through the device API with the user's own token.
import "server-only";
import type { DeviceDto, LatestReading } from "@/lib/devices/devices";
import type { FleetSummary } from "@/lib/devices/fleet";
import { MAX_PAGE_SIZE } from "@/lib/devices/devices";
import { AccessRevokedError, DeviceApiError, deviceClient } from "./device-client";

export type Loaded<T> = { state: "ok"; data: T } | { state: "revoked" } | { state: "not_found" };

async function load<T>(work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { state: "ok", data: await work() };
  } catch (error) {
    if (error instanceof AccessRevokedError) return { state: "revoked" };
    // A malformed id is as unknown as a missing one.
    if (error instanceof DeviceApiError && (error.status === 404 || error.status === 400)) return { state: "not_found" };
    throw error;
  }
}

export function loadDevices(userId: string): Promise<Loaded<DeviceDto[]>> {
  const client = deviceClient(userId);
  return load(async () => {
    const all: DeviceDto[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.get<{ data: DeviceDto[]; nextCursor: string | null }>("/devices", { limit: String(MAX_PAGE_SIZE), cursor });
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  });
}

export function loadDevice(userId: string, deviceId: string): Promise<Loaded<{ device: DeviceDto; latest: LatestReading[] }>> {
  const client = deviceClient(userId);
  const path = `/devices/${encodeURIComponent(deviceId)}`;
  return load(async () => {
    const [device, latest] = await Promise.all([
      client.get<DeviceDto>(path),
      client.get<{ data: LatestReading[] }>(`${path}/readings/latest`),
    ]);
    return { device, latest: latest.data };
  });
}

export function loadFleet(userId: string): Promise<Loaded<FleetSummary>> {
  return load(() => deviceClient(userId).get<FleetSummary>("/fleet"));
}
