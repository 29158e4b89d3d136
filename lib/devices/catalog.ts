// The kinds of device Gatehouse knows, with the metrics each reports and their units.

/** How a simulated reading moves: a daily cycle of `swing` around `base`, plus noise, kept within bounds. */
export type SignalSpec = { base: number; swing: number; noise: number; min: number; max: number };

/** A reading outside these bounds raises an alert on the device's tile. */
type AlertBounds = { below?: number; above?: number };

export type MetricSpec = { key: string; label: string; unit: string; signal: SignalSpec; alert?: AlertBounds };

export const DEVICE_KINDS = {
  thermostat: {
    label: "Thermostat",
    metrics: [
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 21, swing: 1.5, noise: 0.15, min: 5, max: 35 }, alert: { below: 12, above: 30 } },
      { key: "humidity", label: "Humidity", unit: "%", signal: { base: 45, swing: 6, noise: 1, min: 10, max: 90 }, alert: { below: 25, above: 65 } },
      { key: "setpoint", label: "Setpoint", unit: "°C", signal: { base: 21, swing: 1, noise: 0, min: 16, max: 24 } },
    ],
  },
  "air-quality": {
    label: "Air quality sensor",
    metrics: [
      { key: "co2", label: "CO₂", unit: "ppm", signal: { base: 650, swing: 250, noise: 25, min: 400, max: 2500 }, alert: { above: 1200 } },
      { key: "pm25", label: "PM2.5", unit: "µg/m³", signal: { base: 9, swing: 4, noise: 1.5, min: 0, max: 150 }, alert: { above: 35 } },
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 22, swing: 1.2, noise: 0.1, min: 5, max: 35 } },
    ],
  },
  "smart-plug": {
    label: "Smart plug",
    metrics: [
      { key: "power", label: "Power", unit: "W", signal: { base: 120, swing: 90, noise: 15, min: 0, max: 2500 }, alert: { above: 2000 } },
      { key: "voltage", label: "Voltage", unit: "V", signal: { base: 230, swing: 2, noise: 0.8, min: 200, max: 250 }, alert: { below: 207, above: 253 } },
      { key: "current", label: "Current", unit: "A", signal: { base: 0.55, swing: 0.4, noise: 0.05, min: 0, max: 12 }, alert: { above: 10 } },
    ],
  },
  "weather-station": {
    label: "Weather station",
    metrics: [
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 9, swing: 5, noise: 0.3, min: -30, max: 45 } },
      { key: "wind", label: "Wind speed", unit: "m/s", signal: { base: 4, swing: 2, noise: 1.2, min: 0, max: 40 }, alert: { above: 17 } },
      { key: "pressure", label: "Pressure", unit: "hPa", signal: { base: 1013, swing: 3, noise: 0.4, min: 950, max: 1060 } },
    ],
  },
  "soil-sensor": {
    label: "Soil sensor",
    metrics: [
      { key: "moisture", label: "Moisture", unit: "%", signal: { base: 38, swing: 4, noise: 0.6, min: 0, max: 100 }, alert: { below: 20 } },
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 12, swing: 3, noise: 0.2, min: -10, max: 40 }, alert: { below: 0 } },
      { key: "battery", label: "Battery", unit: "%", signal: { base: 85, swing: 0, noise: 0.05, min: 0, max: 100 }, alert: { below: 20 } },
    ],
  },
} as const satisfies Record<string, { label: string; metrics: readonly MetricSpec[] }>;

export type DeviceKind = keyof typeof DEVICE_KINDS;

export function kindLabel(kind: string): string {
  return DEVICE_KINDS[kind as DeviceKind]?.label ?? kind;
}

export function metricSpec(kind: string, key: string): MetricSpec | undefined {
  const metrics: readonly MetricSpec[] = DEVICE_KINDS[kind as DeviceKind]?.metrics ?? [];
  return metrics.find((metric) => metric.key === key);
}

export function metricLabel(kind: string, key: string): string {
  return metricSpec(kind, key)?.label ?? key;
}
