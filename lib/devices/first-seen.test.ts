import { describe, expect, it } from "vitest";
import { firstSeenAt } from "./first-seen";

const REGISTERED = "2026-11-30T12:00:00.000Z";

describe("firstSeenAt", () => {
  it("is when the device was registered before it sent anything", () => {
    expect(firstSeenAt(REGISTERED, null)).toBe(REGISTERED);
    expect(firstSeenAt(REGISTERED, undefined)).toBe(REGISTERED);
  });

  it("is the oldest reading when that is older than the registration (a seeded month, a backlog)", () => {
    expect(firstSeenAt(REGISTERED, "2026-10-31T12:00:00.000Z")).toBe("2026-10-31T12:00:00.000Z");
  });

  it("stays the registration when the first reading came later", () => {
    expect(firstSeenAt(REGISTERED, "2026-11-30T12:05:00.000Z")).toBe(REGISTERED);
  });

  it("compares times, not text: an offset is read as the instant it names", () => {
    // 13:00 at +02:00 is 11:00 UTC, an hour before the registration, though it sorts after it as text.
    expect(firstSeenAt(REGISTERED, "2026-11-30T13:00:00+02:00")).toBe("2026-11-30T13:00:00+02:00");
  });
});
