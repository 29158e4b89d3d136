import { describe, expect, it } from "vitest";
import { sparklinePath } from "./sparkline";

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
});
