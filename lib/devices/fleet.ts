// The homepage's fleet summary: how many devices are online, how many readings came in lately,
// and how many alerts are open.
import "server-only";
import { db } from "@/lib/db";
import { HOUR_MS } from "@/lib/time";
import { deviceAlerts } from "./alerts";
import { visibleTo, type Caller } from "./caller";
import { countsSince, latestValues } from "./latest";
import type { DeviceOverview } from "./overview";
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
  const byDevice = new Map<string, typeof metrics>();
  for (const metric of metrics) byDevice.set(metric.deviceId, [...(byDevice.get(metric.deviceId) ?? []), metric]);
  const statuses = new Map(devices.map((device) => [device.id, deviceStatus(device, now)]));
  // Only an online device's readings can raise a threshold alert; the others need no lookup.
  const latest = await latestValues(metrics.filter((metric) => statuses.get(metric.deviceId) === "online").map((metric) => metric.id));
  const recent = await countsSince(metrics.map((metric) => metric.id), now - HOUR_MS);
  return summarizeOverview(
    devices.map((device) => {
      const own = byDevice.get(device.id) ?? [];
      return {
        status: statuses.get(device.id)!,
        alerts: deviceAlerts(device, own.map((metric) => ({ ...metric, value: latest.get(metric.id)?.value ?? null })), now),
        readingsLastHour: own.reduce((sum, metric) => sum + (recent.get(metric.id) ?? 0), 0),
      };
    }),
  );
}
