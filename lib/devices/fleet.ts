// The homepage's fleet summary: how many devices are online, and how many readings came in lately.
import "server-only";
import { db } from "@/lib/db";
import { visibleTo, type Caller } from "./caller";
import { deviceStatus, type DeviceStatus } from "./status";

export type FleetSummary = { devices: Record<DeviceStatus | "total", number>; readingsLastHour: number };

const HOUR_MS = 3_600_000;

export async function fleetSummary(caller: Caller, now = Date.now()): Promise<FleetSummary> {
  const where = visibleTo(caller);
  const [devices, readingsLastHour] = await Promise.all([
    db.device.findMany({ where, select: { enabled: true, lastSeenAt: true } }),
    db.telemetry.count({ where: { time: { gte: new Date(now - HOUR_MS) }, metric: { device: where } } }),
  ]);
  const counts = { total: devices.length, online: 0, offline: 0, disabled: 0 };
  for (const device of devices) counts[deviceStatus(device, now)]++;
  return { devices: counts, readingsLastHour };
}
