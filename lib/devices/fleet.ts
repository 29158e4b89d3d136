// The homepage's fleet summary: how many devices are online, how many readings came in lately,
// and how many alerts are open.
import "server-only";
import { db } from "@/lib/db";
import { deviceAlerts } from "./alerts";
import { visibleTo, type Caller } from "./caller";
import { latestValues } from "./latest";
import { HOUR_MS } from "./rollups";
import { deviceStatus, type DeviceStatus } from "./status";

export type FleetSummary = { devices: Record<DeviceStatus | "total", number>; readingsLastHour: number; alerts: number };

export async function fleetSummary(caller: Caller, now = Date.now()): Promise<FleetSummary> {
  const where = visibleTo(caller);
  const [devices, readingsLastHour] = await Promise.all([
    db.device.findMany({ where, select: { id: true, kind: true, enabled: true, lastSeenAt: true } }),
    db.telemetry.count({ where: { time: { gte: new Date(now - HOUR_MS) }, metric: { device: where } } }),
  ]);
  const counts = { total: devices.length, online: 0, offline: 0, disabled: 0 };
  for (const device of devices) counts[deviceStatus(device, now)]++;
  // Only an online device's readings can raise a threshold alert; the others need no lookup.
  const online = devices.filter((device) => deviceStatus(device, now) === "online").map((device) => device.id);
  const metrics = await db.metric.findMany({ where: { deviceId: { in: online } }, select: { id: true, deviceId: true, key: true, unit: true } });
  const latest = await latestValues(metrics.map((metric) => metric.id));
  let alerts = 0;
  for (const device of devices) {
    const readings = metrics.filter((metric) => metric.deviceId === device.id).map((metric) => ({ ...metric, value: latest.get(metric.id)?.value ?? null }));
    alerts += deviceAlerts(device, readings, now).length;
  }
  return { devices: counts, readingsLastHour, alerts };
}
