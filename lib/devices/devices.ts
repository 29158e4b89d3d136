// Device data for the API: every query carries the caller's owner filter in its own where clause.
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { forgetVerified } from "@/lib/access/verified-cache";
import { visibleSql, visibleTo } from "@/lib/access/visible";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import { asBool, asDate, readRows } from "@/lib/db-read";
import { Prisma } from "@/lib/generated/prisma/client";
import { forgetFleet } from "./fleet-cache";
import { latestValues, newestOf } from "./latest";
import { devicePageSql } from "./sql";
import { deviceStatus, type DeviceStatus } from "./status";

export type DeviceDto = {
  id: string;
  name: string;
  kind: string;
  location: string;
  enabled: boolean;
  status: DeviceStatus;
  lastSeenAt: string | null;
  createdAt: string;
  owner: { id: string; name: string };
  metrics: { key: string; unit: string }[];
};

export type LatestReading = { key: string; unit: string; time: string | null; value: number | null };

const flatSelect = { id: true, ownerId: true, name: true, kind: true, location: true, enabled: true, lastSeenAt: true, createdAt: true } as const;

export type DeviceRow = {
  id: string;
  name: string;
  kind: string;
  location: string;
  enabled: boolean;
  lastSeenAt: Date | null;
  createdAt: Date;
  owner: { id: string; name: string };
  metrics: { key: string; unit: string }[];
};

/**
 * A device as devicePageSql and overviewPageSql write it in their JSON: its fields, its owner, then
 * its metrics, each starting with its key and unit (the overview's carry its readings after them).
 */
export type StoredDevice<M extends [key: string, unit: string, ...rest: unknown[]] = [key: string, unit: string]> = [
  id: string,
  name: string,
  kind: string,
  location: string,
  enabled: 0 | 1 | boolean,
  lastSeenAt: number | null,
  createdAt: number,
  ownerId: string,
  ownerName: string,
  metrics: M[],
];

export function deviceRowOf([id, name, kind, location, enabled, lastSeenAt, createdAt, ownerId, ownerName, metrics]: StoredDevice<[string, string, ...unknown[]]>): DeviceRow {
  return {
    id,
    name,
    kind,
    location,
    enabled: asBool(enabled),
    lastSeenAt: asDate(lastSeenAt),
    createdAt: asDate(createdAt),
    owner: { id: ownerId, name: ownerName },
    metrics: metrics.map(([key, unit]) => ({ key, unit })),
  };
}

/**
 * Devices with their owner and metrics in one statement, read on the driver: this is the API's
 * hottest read, and Prisma's model queries cost several times the read itself.
 */
async function readDevices(visible: Prisma.Sql, page: { cursor?: string; id?: string; limit: number }): Promise<DeviceRow[]> {
  const [result] = await readRows<{ page: string | null }>(devicePageSql({ visible, ...page }));
  return (JSON.parse(result?.page ?? "[]") as StoredDevice[]).map(deviceRowOf);
}

export function toDeviceDto(row: DeviceRow, now = Date.now()): DeviceDto {
  return {
    ...row,
    status: deviceStatus(row, now),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const MAX_PAGE_SIZE = 100;

export async function listDevices(caller: Caller, page: { limit: number; cursor?: string }): Promise<{ data: DeviceDto[]; nextCursor: string | null }> {
  assertScope(caller, "devices:read");
  const limit = Math.min(Math.max(1, page.limit), MAX_PAGE_SIZE);
  // Keyset paging, one more than the page to know whether another follows.
  const rows = await readDevices(visibleSql(caller), { cursor: page.cursor, limit: limit + 1 });
  const now = Date.now();
  const more = rows.length > limit;
  const data = rows.slice(0, limit).map((row) => toDeviceDto(row, now));
  return { data, nextCursor: more ? data.at(-1)!.id : null };
}

export async function getDevice(caller: Caller, id: string): Promise<DeviceDto | null> {
  assertScope(caller, "devices:read");
  const [row] = await readDevices(visibleSql(caller), { id, limit: 1 });
  return row ? toDeviceDto(row) : null;
}

/** The newest reading of each of a device's metrics, or null when the device is not the caller's. */
export async function latestReadings(caller: Caller, id: string): Promise<LatestReading[] | null> {
  assertScope(caller, "telemetry:read");
  const device = await db.device.findFirst({ where: { id, ...visibleTo(caller) }, select: { id: true } });
  if (!device) return null;
  const metrics = await db.metric.findMany({ where: { deviceId: id }, select: { id: true, key: true, unit: true }, orderBy: { id: "asc" } });
  const latest = await latestValues(metrics.map((metric) => metric.id));
  return metrics.map(({ id: metricId, key, unit }) => ({ key, unit, ...newestOf(latest, metricId) }));
}

type DeviceInput = { name: string; kind: string; location?: string; enabled?: boolean; ownerId?: string };

/** Creates a device owned by the caller; an admin may name another owner. */
export async function createDevice(caller: Caller, input: DeviceInput): Promise<DeviceDto | { error: "owner" }> {
  assertScope(caller, "devices:write");
  const ownerId = caller.role === "ADMIN" && input.ownerId ? input.ownerId : caller.userId;
  if (ownerId !== caller.userId && !(await db.user.findUnique({ where: { id: ownerId }, select: { id: true } }))) return { error: "owner" };
  const row = await transaction(async (tx) => {
    const created = await tx.device.create({
      data: { ownerId, name: input.name, kind: input.kind, location: input.location ?? "", enabled: input.enabled ?? true },
      select: flatSelect,
    });
    const detail = { name: created.name, kind: created.kind, location: created.location, enabled: created.enabled, ownerId };
    await appendAudit({ actor: caller, action: "device.created", target: { type: "device", id: created.id }, detail }, tx);
    return created;
  });
  forgetFleet();
  // Just made by this caller, who may not see it by the owner filter (an admin's for another owner does).
  const [created] = await readDevices(Prisma.sql`TRUE`, { id: row.id, limit: 1 });
  return toDeviceDto(created!);
}

export async function updateDevice(caller: Caller, id: string, patch: Partial<Pick<DeviceInput, "name" | "location" | "enabled">>): Promise<DeviceDto | null> {
  assertScope(caller, "devices:write");
  const changed = await transaction(async (tx) => {
    const { count } = await tx.device.updateMany({ where: { id, ...visibleTo(caller) }, data: patch });
    if (count > 0) await appendAudit({ actor: caller, action: "device.updated", target: { type: "device", id }, detail: { changed: patch } }, tx);
    return count > 0;
  });
  if (changed) forgetFleet();
  return changed ? getDevice(caller, id) : null;
}

/** Deletes a device with its readings and its ingest tokens, and says so in the audit log. */
export async function deleteDevice(caller: Caller, id: string): Promise<boolean> {
  assertScope(caller, "devices:write");
  const deleted = await transaction(async (tx) => {
    const device = await tx.device.findFirst({ where: { id, ...visibleTo(caller) }, select: { id: true, name: true, ownerId: true } });
    if (!device) return false;
    const tokens = await tx.apiToken.findMany({ where: { deviceId: id }, select: { id: true } });
    await tx.device.delete({ where: { id } });
    await appendAudit(
      { actor: caller, action: "device.deleted", target: { type: "device", id }, detail: { name: device.name, ownerId: device.ownerId, tokens: tokens.map((t) => t.id) } },
      tx,
    );
    forgetVerified({ userId: device.ownerId });
    return true;
  });
  // After the commit: a fleet read between forgetting and committing would keep the device.
  if (deleted) forgetFleet();
  return deleted;
}
