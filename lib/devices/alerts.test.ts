import { describe, expect, it } from "vitest";
import { deviceAlerts } from "./alerts";
import { HOUR_MS, MINUTE_MS } from "@/lib/time";

const now = Date.parse("2026-11-29T12:00:00Z");
const online = { kind: "soil-sensor", enabled: true, lastSeenAt: new Date(now - MINUTE_MS) };
const reading = (key: string, value: number | null, unit = "%") => ({ key, unit, value });

describe("deviceAlerts", () => {
  it("raises one alert for each reading outside its kind's bounds, naming the value and the bound", () => {
    expect(deviceAlerts(online, [reading("moisture", 12.5), reading("temperature", -2, "°C"), reading("battery", 85)], now)).toEqual([
      { metric: "moisture", message: "Moisture 12.5 % is below 20 %" },
      { metric: "temperature", message: "Temperature -2 °C is below 0 °C" },
    ]);
    expect(deviceAlerts({ ...online, kind: "air-quality" }, [reading("co2", 1350.456, "ppm")], now)).toEqual([
      { metric: "co2", message: "CO₂ 1,350.46 ppm is above 1,200 ppm" },
    ]);
  });

  it("keeps quiet for readings on their bounds, without bounds, without a value, or of unknown metrics", () => {
    expect(deviceAlerts(online, [reading("moisture", 20), reading("battery", null), reading("custom", -100)], now)).toEqual([]);
    expect(deviceAlerts({ ...online, kind: "weather-station" }, [reading("pressure", 900, "hPa")], now)).toEqual([]);
    expect(deviceAlerts({ ...online, kind: "toaster" }, [reading("battery", 1)], now)).toEqual([]);
  });

  it("raises a single silence alert for an enabled device that is offline, whatever its stale readings say", () => {
    const stale = { ...online, lastSeenAt: new Date(now - 3 * HOUR_MS) };
    expect(deviceAlerts(stale, [reading("battery", 3)], now)).toEqual([{ metric: null, message: "Stopped reporting" }]);
    expect(deviceAlerts({ ...online, lastSeenAt: null }, [], now)).toEqual([{ metric: null, message: "Has never reported" }]);
  });

  it("raises nothing for a disabled device", () => {
    expect(deviceAlerts({ ...online, enabled: false, lastSeenAt: null }, [reading("battery", 3)], now)).toEqual([]);
  });
});
