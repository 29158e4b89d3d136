// A device's open alerts, derived from what it reports now: silent while enabled, or a reading
// outside its kind's bounds. Derived rather than stored, so an alert closes itself when the
// device recovers, and a threshold change applies to every device at once.
import { metricSpec } from "./catalog";
import { formatReading } from "./format";
import { deviceStatus } from "./status";

export type DeviceAlert = { metric: string | null; message: string };

type Device = { kind: string; enabled: boolean; lastSeenAt: Date | null };
type Latest = { key: string; unit: string; value: number | null };

export function deviceAlerts(device: Device, latest: Latest[], now = Date.now()): DeviceAlert[] {
  const status = deviceStatus(device, now);
  if (status === "disabled") return [];
  if (status === "offline") return [{ metric: null, message: device.lastSeenAt ? "Stopped reporting" : "Has never reported" }];
  // Only an online device's readings are current enough to judge.
  const alerts: DeviceAlert[] = [];
  for (const reading of latest) {
    const spec = metricSpec(device.kind, reading.key);
    if (!spec?.alert || reading.value === null) continue;
    const { below, above } = spec.alert;
    const value = formatReading(reading.value, reading.unit);
    if (below !== undefined && reading.value < below) {
      alerts.push({ metric: reading.key, message: `${spec.label} ${value} is below ${formatReading(below, spec.unit)}` });
    } else if (above !== undefined && reading.value > above) {
      alerts.push({ metric: reading.key, message: `${spec.label} ${value} is above ${formatReading(above, spec.unit)}` });
    }
  }
  return alerts;
}
