import { describe, expect, it } from "vitest";
import { timeTicks, valueExtent, valueTicks } from "./chart-ticks";
import { localParts } from "./chart-zone";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";

const label = (decimals: number) => (v: number) => v.toFixed(decimals);

describe("valueTicks", () => {
  it("labels an hour of nearly flat readings with distinct values at a nice step (not 22.8, 22.8, 22.9)", () => {
    const scale = valueTicks(22.81, 22.93);
    const labels = scale.ticks.map(label(scale.decimals));
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(["22.80", "22.85", "22.90", "22.95"]);
    expect(scale.domain[0]).toBeLessThanOrEqual(22.81);
    expect(scale.domain[1]).toBeGreaterThanOrEqual(22.93);
  });

  it("steps by 1, 2, 2.5 or 5 × 10^k, covers the data with at most `most` ticks, and never repeats a label", () => {
    const cases: [number, number][] = [[0, 1], [-3.2, 7.9], [400, 2500], [0.0012, 0.0047], [1013.2, 1013.9], [20, 21.1], [-40, -35], [230.1, 230.3], [0, 97]];
    for (const [min, max] of cases) {
      for (const most of [4, 5, 6, 8]) {
        const { ticks, domain, decimals } = valueTicks(min, max, most);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(most);
        expect(domain[0]).toBeLessThanOrEqual(min);
        expect(domain[1]).toBeGreaterThanOrEqual(max);
        const step = ticks[1]! - ticks[0]!;
        const mantissa = Number((step / 10 ** Math.floor(Math.log10(step) + 1e-9)).toFixed(6));
        expect([1, 2, 2.5, 5]).toContain(mantissa);
        const labels = ticks.map(label(decimals));
        expect(new Set(labels).size, `${min}..${max} in ${most}: ${labels}`).toBe(labels.length);
        // No more decimals than the step needs: the last one is not always 0.
        if (decimals > 0) expect(labels.some((l) => !l.endsWith("0"))).toBe(true);
      }
    }
    expect(valueTicks(400, 2500, 6).ticks).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(valueTicks(20, 31, 6)).toEqual({ ticks: [20, 22.5, 25, 27.5, 30, 32.5], domain: [20, 32.5], decimals: 1 });
  });

  it("gives a flat line room either side", () => {
    const { ticks, domain } = valueTicks(21, 21);
    expect(domain[0]).toBeLessThan(21);
    expect(domain[1]).toBeGreaterThan(21);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(valueTicks(0, 0).ticks.length).toBeGreaterThanOrEqual(2);
  });
});

describe("valueExtent", () => {
  it("reaches a threshold near the data, and leaves a distant one off the axis", () => {
    expect(valueExtent(24, 29, [12, 30])).toEqual([24, 30]);
    expect(valueExtent(20, 28, [12, 30])).toEqual([12, 30]);
    expect(valueExtent(20.5, 21.5, [12, 30])).toEqual([20.5, 21.5]);
    expect(valueExtent(5, 8, [])).toEqual([5, 8]);
  });
});

describe("timeTicks", () => {
  const at = (iso: string) => Date.parse(iso);
  const text = (from: number, to: number, zone: string, most = 6) => {
    const { ticks, labels } = timeTicks(from, to, zone, most);
    return ticks.map((t) => labels.get(t));
  };

  it("ticks an hour at whole minutes of the viewer's clock, even half an hour off UTC", () => {
    const from = at("2026-11-23T04:07:12Z");
    expect(text(from, from + HOUR_MS, "UTC")).toEqual(["04:10", "04:20", "04:30", "04:40", "04:50", "05:00"]);
    expect(text(from, from + HOUR_MS, "UTC", 5)).toEqual(["04:15", "04:30", "04:45", "05:00"]);
    // India is UTC+5:30: 09:37:12 to 10:37:12 there.
    expect(text(from, from + HOUR_MS, "Asia/Kolkata", 5)).toEqual(["09:45", "10:00", "10:15", "10:30"]);
    // Nepal is UTC+5:45.
    expect(text(from, from + HOUR_MS, "Asia/Kathmandu", 5)).toEqual(["10:00", "10:15", "10:30", "10:45"]);
  });

  it("ticks 24 hours at whole hours a few apart, with the date at the viewer's midnight (not 04:10, 07:45)", () => {
    const to = at("2026-11-23T16:23:00Z");
    const from = to - DAY_MS;
    expect(text(from, to, "UTC")).toEqual(["18:00", "Nov 23", "06:00", "12:00"]);
    expect(text(from, to, "UTC", 8)).toEqual(["18:00", "21:00", "Nov 23", "03:00", "06:00", "09:00", "12:00", "15:00"]);
    // New York is UTC-5 in November: 11:23 the day before to 11:23.
    expect(text(from, to, "America/New_York")).toEqual(["12:00", "18:00", "Nov 23", "06:00"]);
    const { ticks } = timeTicks(from, to, "America/New_York");
    expect(ticks[2]).toBe(at("2026-11-23T05:00:00Z"));
  });

  it("gives a 2.5-day range enough ticks: every 12 hours, dated at each midnight", () => {
    const from = at("2026-11-20T09:40:00Z");
    const labels = text(from, from + 2.5 * DAY_MS, "Europe/Berlin");
    expect(labels).toEqual(["12:00", "Nov 21", "12:00", "Nov 22", "12:00"]);
    // A narrow chart takes fewer: still one a day.
    expect(text(from, from + 2.5 * DAY_MS, "Europe/Berlin", 4)).toEqual(["Nov 21", "Nov 22"]);
  });

  it("keeps the fine step when a range starts on a boundary and ends just past one, leaving out the edge tick", () => {
    // 60 h from midnight to 12:05, as a phone's chart drew at noon: 6 twelve-hour boundaries for room for 5.
    const from = at("2026-11-30T00:00:00Z");
    const to = from + 2.5 * DAY_MS + 5 * 60_000;
    expect(text(from, to, "UTC", 5)).toEqual(["12:00", "Dec 1", "12:00", "Dec 2", "12:00"]);
    // A tick inside the range, not at its edge, is never dropped: then the coarser step it is.
    expect(text(from - 6 * 3_600_000, from + 2.5 * DAY_MS + 3 * 3_600_000, "UTC", 5)).toEqual(["Nov 30", "Dec 1", "Dec 2"]);
  });

  it("ticks a week by the day and a month by the week (Mondays), always on local midnights", () => {
    const from = at("2026-11-22T15:30:00Z");
    const zone = "Australia/Sydney";
    const week = timeTicks(from, from + 7 * DAY_MS, zone, 8);
    expect(week.ticks).toHaveLength(7);
    const month = timeTicks(from, from + 30 * DAY_MS, zone);
    expect(month.ticks.length).toBeGreaterThanOrEqual(4);
    expect(month.ticks.length).toBeLessThanOrEqual(6);
    for (const t of [...week.ticks, ...month.ticks]) expect(localParts(t, zone)).toMatchObject({ hour: 0, minute: 0, second: 0 });
    expect(month.ticks.map((t) => new Date(t + 11 * HOUR_MS).getUTCDay())).toEqual(month.ticks.map(() => 1));
    expect(month.ticks[1]! - month.ticks[0]!).toBe(7 * DAY_MS);
  });

  it("ticks a year by months", () => {
    const from = at("2025-12-15T00:00:00Z");
    expect(text(from, from + 366 * DAY_MS, "UTC")).toEqual(["Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026"]);
  });

  it("keeps ticks on the clock across a change of the clocks", () => {
    // Berlin's clocks went back at 01:00 UTC on 2026-10-25 (03:00 summer time to 02:00).
    const from = at("2026-10-24T22:00:00Z");
    const ticks = timeTicks(from, from + 8 * HOUR_MS, "Europe/Berlin", 8);
    const labels = ticks.ticks.map((t) => ticks.labels.get(t));
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toBe("Oct 25");
    // Going forward, 2026-03-29: a day of 23 hours still ticks at midnight.
    const spring = timeTicks(at("2026-03-27T12:00:00Z"), at("2026-04-01T12:00:00Z"), "Europe/Berlin", 8);
    for (const t of spring.ticks) expect(localParts(t, "Europe/Berlin")).toMatchObject({ hour: 0, minute: 0 });
    expect(spring.ticks[2]! - spring.ticks[1]!).toBe(23 * HOUR_MS);
  });

  it("never gives more than `most`, and at least a few on any range up to a year", () => {
    for (const span of [5 * MINUTE_MS, HOUR_MS, 6 * HOUR_MS, DAY_MS, 2.5 * DAY_MS, 7 * DAY_MS, 30 * DAY_MS, 90 * DAY_MS, 366 * DAY_MS]) {
      for (const most of [4, 6, 8]) {
        const count = timeTicks(at("2026-05-05T05:05:05Z"), at("2026-05-05T05:05:05Z") + span, "America/Los_Angeles", most).ticks.length;
        expect(count, `${span / MINUTE_MS} min in ${most}`).toBeLessThanOrEqual(most);
        expect(count, `${span / MINUTE_MS} min in ${most}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
