// One simulated device's report: readings a minute apart since it last reported, then one at
// "now", pushed through the real ingest API with its own device token, in batches of 500.
import { MINUTE_MS } from "@/lib/time";
import { DEVICE_KINDS } from "./catalog";
import { seededRandom, signalFor, signalState, signalValue, type SignalChanges, type SignalState } from "./signal";

const BATCH = 500;

/**
 * Where the simulator sends its readings and how often, from SIMULATOR_API_URL and
 * SIMULATOR_INTERVAL_MS. An empty value, as .env.example leaves them, means the default: the local
 * server on PORT, every 10 s. A bad one is refused rather than sent requests nowhere or in a tight loop.
 */
export function simulatorSettings(env: Record<string, string | undefined>): { base: string; intervalMs: number } {
  const port = env.PORT?.trim() || "3000";
  if (!/^\d{1,5}$/.test(port)) throw new Error(`PORT must be a port number, not ${JSON.stringify(port)}`);
  const base = env.SIMULATOR_API_URL?.trim() || `http://localhost:${port}`;
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) throw new Error(`SIMULATOR_API_URL must be an http(s) URL, not ${JSON.stringify(base)}`);
  const interval = env.SIMULATOR_INTERVAL_MS?.trim() || "10000";
  const intervalMs = Number(interval);
  if (!Number.isInteger(intervalMs) || intervalMs < 1000) throw new Error(`SIMULATOR_INTERVAL_MS must be a whole number of milliseconds, at least 1000, not ${JSON.stringify(interval)}`);
  return { base: base.replace(/\/+$/, ""), intervalMs };
}

export type SimulatedDevice = {
  id: string;
  kind: keyof typeof DEVICE_KINDS;
  token: string;
  index: number;
  last: number;
  /** Changes to its kind's signals, as the demo seed made them for this device. */
  signals?: SignalChanges;
};

/**
 * The seed's daily cycle and drift for this series (the same seed number, so the simulator carries
 * on the seeded story), with noise of its own for each minute.
 */
function stateAt(series: number, time: number): SignalState {
  return { ...signalState(series), random: seededRandom(series + time) };
}

/** Returns how many readings the API accepted; on a refusal, logs it and leaves `last` alone. */
export async function pushReadings(base: string, device: SimulatedDevice, now: number): Promise<number> {
  const metrics = DEVICE_KINDS[device.kind].metrics;
  const times: number[] = [];
  for (let time = Math.floor(device.last / MINUTE_MS) * MINUTE_MS + MINUTE_MS; time < now; time += MINUTE_MS) times.push(time);
  times.push(now);
  const readings = times.flatMap((time) =>
    metrics.map((spec, m) => ({
      metric: spec.key,
      time,
      value: signalValue(signalFor(spec, device.signals), stateAt(device.index * 16 + m + 1, time), time),
    })),
  );
  for (let i = 0; i < readings.length; i += BATCH) {
    const response = await fetch(`${base}/api/v1/devices/${device.id}/telemetry`, {
      method: "POST",
      headers: { authorization: `Bearer ${device.token}`, "content-type": "application/json" },
      body: JSON.stringify({ readings: readings.slice(i, i + BATCH) }),
    });
    if (!response.ok) {
      console.error(`device ${device.id}: ${response.status} ${await response.text()}`);
      return 0;
    }
  }
  device.last = now;
  return readings.length;
}
