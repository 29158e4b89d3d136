// The chart query's time formatting, against the Date it stands in for; and the visibility rule
// that telemetry's raw queries carry, against visibleTo itself.
import { describe, expect, it } from "vitest";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import type { Role } from "@/lib/generated/prisma/client";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { DAY_MS, HOUR_MS } from "@/lib/time";
import type { Caller } from "@/lib/access/caller";
import { visibleTo } from "@/lib/access/visible";
import { ingestReadings, isoFormatter, readBuckets } from "./telemetry";

describe("isoFormatter", () => {
  it("writes what toISOString writes, across days, leap days, years and the epoch", () => {
    const iso = isoFormatter();
    const starts = [Date.parse("1969-12-30T00:00:00Z"), Date.parse("2000-02-28T00:00:00Z"), Date.parse("2024-12-30T22:00:00Z"), Date.now()];
    for (const start of starts) {
      for (let ms = start; ms < start + 4 * DAY_MS; ms += 2 * HOUR_MS + 61_001) expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("falls back to toISOString for years outside 0000-9999", () => {
    const iso = isoFormatter();
    for (const ms of [Date.parse("+010000-01-01T05:00:00Z"), Date.parse("-000001-06-01T00:00:00Z"), 0]) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});

describe("telemetry's visibility rule", () => {
  it("lets exactly the callers through that visibleTo lets through, to read and to write", async () => {
    const [owner, stranger, admin] = [await createUser(), await createUser(), await createUser({ role: "ADMIN" })];
    const device = await createDevice(owner.id);
    const sibling = await createDevice(owner.id);
    const as = (id: string, role: Role, deviceId?: string): Caller => (deviceId ? tokenCallerOf({ id, role }, { deviceId }) : personOf({ id, role }));
    const cases: [string, Caller, boolean][] = [
      ["its owner", as(owner.id, "STANDARD"), true],
      ["another user", as(stranger.id, "STANDARD"), false],
      ["an admin", as(admin.id, "ADMIN"), true],
      ["its own device token", as(owner.id, "STANDARD", device.id), true],
      ["the owner's token for another device", as(owner.id, "STANDARD", sibling.id), false],
      ["an admin's token for another device", as(admin.id, "ADMIN", sibling.id), false],
      ["another user's token naming this device", as(stranger.id, "STANDARD", device.id), false],
    ];
    const time = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
    const range = { from: new Date(time), to: new Date(time + HOUR_MS), bucketMs: HOUR_MS };
    for (const [who, caller, visible] of cases) {
      expect((await testDb().device.findFirst({ where: { id: device.id, ...visibleTo(caller) } })) !== null, who).toBe(visible);
      expect((await readBuckets(caller, device.id, range)) !== null, who).toBe(visible);
      expect((await ingestReadings(caller, device.id, [{ metric: "temperature", time: new Date(time), value: 1 }])) !== null, who).toBe(visible);
    }
    expect(await readBuckets(as(admin.id, "ADMIN"), "no-such-device", range)).toBeNull();
  });

  it("answers an empty list, not null, for a visible device without metrics", async () => {
    const owner = await createUser();
    const device = await createDevice(owner.id);
    expect(await readBuckets(personOf({ id: owner.id, role: "STANDARD" }), device.id, { from: new Date(0), to: new Date(DAY_MS), bucketMs: DAY_MS })).toEqual([]);
  });
});
