// The homepage's fleet summary: how many devices are online, how many readings came in lately,
// and how many alerts are open.
import "server-only";
import { db } from "@/lib/db";
import { deviceAlerts } from "./alerts";
import { visibleTo, type Caller } from "./caller";
import { latestValues } from "./latest";
import type { DeviceOverview } from "./overview";
import { HOUR_MS } from "./rollups";
import { deviceStatus, type DeviceStatus } from "./status";

export type FleetSummary = { devices: Record<DeviceStatus | "total", number>; readingsLastHour: number; alerts: number };

/** The same summary added up from the overview's devices: what the homepage shows beside its tiles. */
export function summarizeOverview(devices: Pick<DeviceOverview, "status" | "alerts" | "readingsLastHour">[]): FleetSummary {
  const counts = { total: devices.length, online: 0, offline: 0, disabled: 0 };
  let [readingsLastHour, alerts] = [0, 0];
  for (const device of devices) {
    counts[device.status]++;
    readingsLastHour += device.readingsLastHour;
    alerts += device.alerts.length;
  }
  return { devices: counts, readingsLastHour, alerts };
}

export async function fleetSummary(caller: Caller, now = Date.now()): Promise<FleetSummary> {
  const where = visibleTo(caller);
  const [devices, metrics] = await Promise.all([
    db.device.findMany({ where, select: { id: true, kind: true, enabled: true, lastSeenAt: true } }),
    db.metric.findMany({ where: { device: where }, select: { id: true, deviceId: true, key: true, unit: true } }),
  ]);
  // By metric id, so that the count walks the (metricId, time) key instead of every reading.
  const ids = metrics.map((metric) => metric.id);
  const readingsLastHour = ids.length ? await db.telemetry.count({ where: { metricId: { in: ids }, time: { gte: new Date(now - HOUR_MS) } } }) : 0;
  const counts = { total: devices.length, online: 0, offline: 0, disabled: 0 };
  for (const device of devices) counts[deviceStatus(device, now)]++;
  // Only an online device's readings can raise a threshold alert; the others need no lookup.
  const online = new Set(devices.filter((device) => deviceStatus(device, now) === "online").map((device) => device.id));
  const latest = await latestValues(metrics.filter((metric) => online.has(metric.deviceId)).map((metric) => metric.id));
  let alerts = 0;
  for (const device of devices) {
    const readings = metrics.filter((metric) => metric.deviceId === device.id).map((metric) => ({ ...metric, value: latest.get(metric.id)?.value ?? null }));
    alerts += deviceAlerts(device, readings, now).length;
  }
  return { devices: counts, readingsLastHour, alerts };
}
