import { describe, expect, it } from "vitest";
import { graceChoices, graceLabel } from "./grace";

describe("graceChoices", () => {
  it("offers the usual periods up to the policy's, and the policy's own", () => {
    expect(graceChoices(24)).toEqual([0, 1, 24]);
    expect(graceChoices(168)).toEqual([0, 1, 24, 72, 168]);
    expect(graceChoices(12)).toEqual([0, 1, 12]);
    expect(graceChoices(0)).toEqual([0]);
  });
});

describe("graceLabel", () => {
  it("says hours, and whole days from two days on", () => {
    expect(graceLabel(0)).toBe("No grace");
    expect(graceLabel(1)).toBe("1 hour grace");
    expect(graceLabel(24)).toBe("24 hours grace");
    expect(graceLabel(36)).toBe("36 hours grace");
    expect(graceLabel(72)).toBe("3 days grace");
    expect(graceLabel(100)).toBe("100 hours grace");
  });
});
