// A device's status, derived from its enabled flag and the time of its last reading.
import { MINUTE_MS } from "@/lib/time";

export type DeviceStatus = "online" | "offline" | "disabled";

/** A device that has reported within this window counts as online. */
export const ONLINE_WINDOW_MS = 10 * MINUTE_MS;

export function deviceStatus(device: { enabled: boolean; lastSeenAt: Date | null }, now = Date.now()): DeviceStatus {
  if (!device.enabled) return "disabled";
  if (device.lastSeenAt && now - device.lastSeenAt.getTime() <= ONLINE_WINDOW_MS) return "online";
  return "offline";
}
