// Reading devices for a caller: every query carries the owner filter in its own where clause.
import "server-only";
import { db } from "@/lib/db";
import { visibleTo, type Caller } from "./caller";
import { deviceStatus, type DeviceStatus } from "./status";

export type { Caller } from "./caller";

export type DeviceSummary = {
  id: string;
  name: string;
  kind: string;
  location: string;
  status: DeviceStatus;
  lastSeenAt: Date | null;
  ownerName: string;
};

export type MetricReading = { key: string; unit: string; value: number | null; time: Date | null };

export type DeviceDetail = DeviceSummary & { enabled: boolean; createdAt: Date; metrics: MetricReading[] };

const summarySelect = {
  id: true,
  name: true,
  kind: true,
  location: true,
  enabled: true,
  lastSeenAt: true,
  owner: { select: { name: true } },
} as const;

export async function listDevices(caller: Caller): Promise<DeviceSummary[]> {
  const rows = await db.device.findMany({
    where: visibleTo(caller),
    select: summarySelect,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const now = Date.now();
  return rows.map(({ owner, enabled, ...row }) => ({ ...row, status: deviceStatus({ enabled, ...row }, now), ownerName: owner.name }));
}

/** One device with the latest reading of each metric, or null when it is not the caller's to see. */
export async function getDevice(caller: Caller, id: string): Promise<DeviceDetail | null> {
  const row = await db.device.findFirst({
    where: { id, ...visibleTo(caller) },
    select: { ...summarySelect, createdAt: true, metrics: { select: { id: true, key: true, unit: true }, orderBy: { id: "asc" } } },
  });
  if (!row) return null;
  const metrics = await Promise.all(
    row.metrics.map(async (metric) => {
      const latest = await db.telemetry.findFirst({
        where: { metricId: metric.id },
        orderBy: { time: "desc" },
        select: { time: true, value: true },
      });
      return { key: metric.key, unit: metric.unit, value: latest?.value ?? null, time: latest?.time ?? null };
    }),
  );
  const { owner, ...device } = row;
  return { ...device, status: deviceStatus(device), ownerName: owner.name, metrics };
}
