import { describe, expect, it } from "vitest";
import { DEVICE_KINDS, type SignalSpec } from "./catalog";
import { seededRandom, signalState, signalValue } from "./signal";
import { MINUTE_MS } from "@/lib/time";

const DAY_START = Date.UTC(2026, 10, 28);

/** One reading a minute for a day, from a fresh state, as the seed writes them. */
function dayOfReadings(spec: SignalSpec, seed: number): number[] {
  const state = signalState(seed);
  return Array.from({ length: 24 * 60 }, (_, minute) => signalValue(spec, state, DAY_START + minute * MINUTE_MS));
}

const allSpecs = Object.entries(DEVICE_KINDS).flatMap(([kind, { metrics }]) =>
  metrics.map((metric) => ({ name: `${kind}/${metric.key}`, spec: metric.signal as SignalSpec })),
);

describe("seededRandom", () => {
  it("repeats the same sequence for the same seed and differs across seeds", () => {
    const take = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => random());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it("stays in [0, 1)", () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 10_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Not stuck: a uniform generator spreads over the whole interval.
    expect(Math.min(...values)).toBeLessThan(0.01);
    expect(Math.max(...values)).toBeGreaterThan(0.99);
  });
});

describe("signalValue", () => {
  it.each(allSpecs)("keeps $name within its bounds over a day", ({ spec }) => {
    for (const seed of [1, 2, 99]) {
      const values = dayOfReadings(spec, seed);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(spec.min);
      expect(Math.max(...values)).toBeLessThanOrEqual(spec.max);
    }
  });

  it("clamps a signal that would leave its bounds", () => {
    const narrow: SignalSpec = { base: 50, swing: 100, noise: 10, min: 40, max: 60 };
    const values = dayOfReadings(narrow, 5);
    expect(Math.min(...values)).toBe(40);
    expect(Math.max(...values)).toBe(60);
  });

  it("tells the same story for the same seed", () => {
    const spec = DEVICE_KINDS.thermostat.metrics[0].signal;
    expect(dayOfReadings(spec, 17)).toEqual(dayOfReadings(spec, 17));
    expect(dayOfReadings(spec, 17)).not.toEqual(dayOfReadings(spec, 18));
  });

  it("follows a daily cycle wider than its swing", () => {
    for (const { name, spec } of allSpecs.filter(({ spec }) => spec.swing > 0)) {
      const values = dayOfReadings(spec, 3);
      expect(Math.max(...values) - Math.min(...values), name).toBeGreaterThan(spec.swing);
    }
  });

  it("rounds to hundredths", () => {
    const values = dayOfReadings(DEVICE_KINDS["smart-plug"].metrics[2].signal, 11);
    expect(values.filter((value) => Math.round(value * 100) / 100 !== value)).toEqual([]);
  });
});
