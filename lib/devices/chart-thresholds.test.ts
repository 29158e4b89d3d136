import { describe, expect, it } from "vitest";
import { deviceAlerts } from "./alerts";
import { chartThresholds } from "./chart-thresholds";

describe("chartThresholds", () => {
  it("draws the bounds that raise the metric's alerts", () => {
    expect(chartThresholds("thermostat", "temperature")).toEqual([
      { value: 12, side: "below", label: "Alert below 12 °C" },
      { value: 30, side: "above", label: "Alert above 30 °C" },
    ]);
    expect(chartThresholds("air-quality", "co2")).toEqual([{ value: 1200, side: "above", label: "Alert above 1,200 ppm" }]);
    expect(chartThresholds("thermostat", "setpoint")).toEqual([]);
    expect(chartThresholds("no-such-kind", "temperature")).toEqual([]);
  });

  it("agrees with the alert: a reading just past the line raises it", () => {
    const device = { kind: "thermostat", enabled: true, lastSeenAt: new Date() };
    const [, above] = chartThresholds("thermostat", "temperature");
    expect(deviceAlerts(device, [{ key: "temperature", unit: "°C", value: above!.value + 0.1 }])).toHaveLength(1);
    expect(deviceAlerts(device, [{ key: "temperature", unit: "°C", value: above!.value }])).toHaveLength(0);
  });
});
