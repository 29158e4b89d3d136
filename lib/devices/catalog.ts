// The kinds of device Gatehouse knows, with the metrics each reports and their units.

/** How a simulated reading moves: a daily cycle of `swing` around `base`, plus noise, kept within bounds. */
export type SignalSpec = { base: number; swing: number; noise: number; min: number; max: number };

export type MetricSpec = { key: string; label: string; unit: string; signal: SignalSpec };

export const DEVICE_KINDS = {
  thermostat: {
    label: "Thermostat",
    metrics: [
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 21, swing: 1.5, noise: 0.15, min: 5, max: 35 } },
      { key: "humidity", label: "Humidity", unit: "%", signal: { base: 45, swing: 6, noise: 1, min: 10, max: 90 } },
      { key: "setpoint", label: "Setpoint", unit: "°C", signal: { base: 21, swing: 1, noise: 0, min: 16, max: 24 } },
    ],
  },
  "air-quality": {
    label: "Air quality sensor",
    metrics: [
      { key: "co2", label: "CO₂", unit: "ppm", signal: { base: 650, swing: 250, noise: 25, min: 400, max: 2500 } },
      { key: "pm25", label: "PM2.5", unit: "µg/m³", signal: { base: 9, swing: 4, noise: 1.5, min: 0, max: 150 } },
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 22, swing: 1.2, noise: 0.1, min: 5, max: 35 } },
    ],
  },
  "smart-plug": {
    label: "Smart plug",
    metrics: [
      { key: "power", label: "Power", unit: "W", signal: { base: 120, swing: 90, noise: 15, min: 0, max: 2500 } },
      { key: "voltage", label: "Voltage", unit: "V", signal: { base: 230, swing: 2, noise: 0.8, min: 200, max: 250 } },
      { key: "current", label: "Current", unit: "A", signal: { base: 0.55, swing: 0.4, noise: 0.05, min: 0, max: 12 } },
    ],
  },
  "weather-station": {
    label: "Weather station",
    metrics: [
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 9, swing: 5, noise: 0.3, min: -30, max: 45 } },
      { key: "wind", label: "Wind speed", unit: "m/s", signal: { base: 4, swing: 2, noise: 1.2, min: 0, max: 40 } },
      { key: "pressure", label: "Pressure", unit: "hPa", signal: { base: 1013, swing: 3, noise: 0.4, min: 950, max: 1060 } },
    ],
  },
  "soil-sensor": {
    label: "Soil sensor",
    metrics: [
      { key: "moisture", label: "Moisture", unit: "%", signal: { base: 38, swing: 4, noise: 0.6, min: 0, max: 100 } },
      { key: "temperature", label: "Temperature", unit: "°C", signal: { base: 12, swing: 3, noise: 0.2, min: -10, max: 40 } },
      { key: "battery", label: "Battery", unit: "%", signal: { base: 85, swing: 0, noise: 0.05, min: 0, max: 100 } },
    ],
  },
} as const satisfies Record<string, { label: string; metrics: readonly MetricSpec[] }>;

export type DeviceKind = keyof typeof DEVICE_KINDS;

export function kindLabel(kind: string): string {
  return DEVICE_KINDS[kind as DeviceKind]?.label ?? kind;
}

export function metricLabel(kind: string, key: string): string {
  const metrics: readonly MetricSpec[] = DEVICE_KINDS[kind as DeviceKind]?.metrics ?? [];
  return metrics.find((metric) => metric.key === key)?.label ?? key;
}
