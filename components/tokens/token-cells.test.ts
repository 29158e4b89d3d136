import { describe, expect, it } from "vitest";
import { endedAt } from "./token-cells";
import { DAY_MS, HOUR_MS } from "@/lib/time";

describe("endedAt", () => {
  const now = Date.UTC(2026, 11, 1);
  it("is the expiry, or the end of a rotation's grace when that came first", () => {
    const expiresAt = new Date(now + 30 * DAY_MS);
    expect(endedAt({ expiresAt, graceEndsAt: null })).toBe(expiresAt);
    expect(endedAt({ expiresAt, graceEndsAt: new Date(now + HOUR_MS) })).toEqual(new Date(now + HOUR_MS));
    expect(endedAt({ expiresAt, graceEndsAt: new Date(now + 31 * DAY_MS) })).toBe(expiresAt);
  });
});
