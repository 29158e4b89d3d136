import { describe, expect, it } from "vitest";
import { SPARK_HOURS, SPARK_VIEWBOX, sparklinePath, sparklineSummary } from "./sparkline";

describe("sparklinePath", () => {
  it("spans the box: the lowest point at the bottom, the highest at the top, left to right", () => {
    expect(sparklinePath([0, 5, 10])).toBe("M0 23L4 12L8 1");
  });

  it("breaks the line at a gap and starts again after it; a lone point is a dot", () => {
    expect(sparklinePath([1, null, 3, 2, null])).toBe("M0 23L0 23M8 1L12 12");
  });

  it("keeps the small noise of a steady reading small", () => {
    // 85 ± 0.05 spans 0.1; the box spans 2% of 85, so the line stays near the middle.
    expect(sparklinePath([84.95, 85.05])).toBe("M0 12.6L4 11.4");
  });

  it("draws a flat series through the middle, and nothing without data", () => {
    expect(sparklinePath([4, 4])).toBe("M0 12L4 12");
    expect(sparklinePath([null, null])).toBe("");
    expect(sparklinePath([])).toBe("");
  });

  it("fits SPARK_HOURS points across its box", () => {
    const path = sparklinePath(Array.from({ length: SPARK_HOURS }, (_, i) => i));
    const width = Number(SPARK_VIEWBOX.split(" ")[2]);
    expect(path.startsWith("M0 ")).toBe(true);
    expect(path.endsWith(`L${width} 1`)).toBe(true);
  });
});

describe("sparklineSummary", () => {
  it("says the range in words, or that there was nothing", () => {
    expect(sparklineSummary([null, 21.5, 19.25], "Temperature", "°C")).toBe("Temperature, last 24 hours: from 19.25 °C to 21.5 °C");
    expect(sparklineSummary([null, null], "Battery", "%")).toBe("Battery: no readings in the last 24 hours");
  });
});
