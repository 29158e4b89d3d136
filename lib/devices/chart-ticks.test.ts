import { describe, expect, it } from "vitest";
import { dayTicks } from "./chart-ticks";
import { DAY_MS } from "@/lib/time";

describe("dayTicks", () => {
  it("puts one tick on each local midnight inside the range, a few days apart when the range is long", () => {
    const from = new Date(2026, 10, 22, 15, 30).getTime();
    const week = dayTicks(from, from + 7 * DAY_MS);
    expect(week).toHaveLength(7);
    expect(week.every((t) => new Date(t).getHours() === 0 && new Date(t).getMinutes() === 0)).toBe(true);
    expect(new Set(week.map((t) => new Date(t).toDateString())).size).toBe(week.length);
    expect(week[0]).toBe(new Date(2026, 10, 23).getTime());

    const month = dayTicks(from, from + 30 * DAY_MS);
    expect(month.length).toBeLessThanOrEqual(8);
    expect(new Date(month[1]!).getDate() - new Date(month[0]!).getDate()).toBe(4);
  });

  it("keeps a range that starts on midnight's own tick", () => {
    const midnight = new Date(2026, 10, 1).getTime();
    expect(dayTicks(midnight, midnight + 3 * DAY_MS)[0]).toBe(midnight);
  });
});
