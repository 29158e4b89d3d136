import { describe, expect, it } from "vitest";
import { expiryState } from "./token-cells";
import { DAY_MS } from "@/lib/time";

describe("expiryState", () => {
  const now = Date.UTC(2026, 11, 1);
  it("warns under 14 days and marks a past expiry as expired", () => {
    expect(expiryState(new Date(now + 30 * DAY_MS), now)).toBe("ok");
    expect(expiryState(new Date(now + 14 * DAY_MS), now)).toBe("ok");
    expect(expiryState(new Date(now + 14 * DAY_MS - 1), now)).toBe("soon");
    expect(expiryState(new Date(now + 1), now)).toBe("soon");
    expect(expiryState(new Date(now), now)).toBe("expired");
    expect(expiryState(new Date(now - DAY_MS), now)).toBe("expired");
  });
});
