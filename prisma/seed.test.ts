import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { migrate } from "@/lib/cli/run";
import { connectDatabase } from "@/lib/db-connect";
import { DEVICE_KINDS, metricSpec } from "@/lib/devices/catalog";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { onPostgres } from "@/lib/sql-dialect";
import { createPostgresDatabase } from "@/lib/testing/postgres";
import { seed, type SeedResult } from "./seed";
import { DEMO_DEVICES, DEMO_USERS } from "./seed-data";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";

const HOUR = 60 * MINUTE_MS;
const NOW = Date.UTC(2026, 10, 29, 12, 0);
const DAYS = 1;

// The seed counts whole tables, so it gets a database of its own rather than the shared test one,
// on the same engine (the statements are written for DATABASE_URL's: lib/sql-dialect.ts).
let dir: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let url: string;
let db: PrismaClient;
let first: SeedResult;

beforeAll(async () => {
  if (onPostgres) {
    const database = await createPostgresDatabase();
    ({ url, drop: dropDatabase } = database);
  } else {
    fs.mkdirSync(path.join(process.cwd(), ".data"), { recursive: true });
    dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "seed-test-"));
    url = `file:${path.join(dir, "seed.db")}`;
  }
  migrate({ ...process.env, DATABASE_URL: url });
  first = await seed({ url, days: DAYS, now: NOW });
  db = connectDatabase(url);
});

afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase?.();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function counts() {
  return {
    users: await db.user.count(),
    devices: await db.device.count(),
    metrics: await db.metric.count(),
    readings: await db.telemetry.count(),
  };
}

/**
 * Minute readings from the window's start to when each device fell silent, three metrics a device;
 * a device silent for longer than the window still gets the day before it went quiet.
 */
function expectedReadings(): number {
  const window = DAYS * 24 * HOUR;
  return DEMO_DEVICES.reduce((sum, { silentForHours = 0 }) => {
    const span = Math.max(window - silentForHours * HOUR, 24 * HOUR);
    return sum + 3 * (span / MINUTE_MS + 1);
  }, 0);
}

async function storedHash(email: string): Promise<string> {
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
  if (passwordHash === null) throw new Error(`${email} has no password`);
  return passwordHash;
}

describe("seed", () => {
  it("creates the demo users and prints each password once", async () => {
    expect(first.passwords.map(({ email, role }) => ({ email, role }))).toEqual(DEMO_USERS.map(({ email, role }) => ({ email, role })));
    for (const { email, password } of first.passwords) expect(await verifyPassword(await storedHash(email), password)).toBe(true);
  });

  it("creates 25 devices with three metrics each, as the catalog says", async () => {
    const devices = await db.device.findMany({ select: { id: true, kind: true, metrics: { select: { key: true } } } });
    expect(devices).toHaveLength(25);
    for (const device of devices) {
      const keys = DEVICE_KINDS[device.kind as keyof typeof DEVICE_KINDS].metrics.map((metric) => metric.key);
      expect(device.metrics.map((metric) => metric.key).sort()).toEqual([...keys].sort());
    }
    expect(await db.metric.count()).toBe(75);
  });

  it("reports as many readings as it wrote, one a minute over the window", async () => {
    expect(first.readings).toBeGreaterThan(0);
    expect(first.readings).toBe(await db.telemetry.count());
    expect(first.readings).toBe(expectedReadings());
  });

  it("builds the hourly and daily rollups of what it wrote", async () => {
    const hours = await db.telemetryRollup.aggregate({ where: { resolution: HOUR_MS }, _sum: { count: true } });
    const days = await db.telemetryRollup.aggregate({ where: { resolution: DAY_MS }, _sum: { count: true } });
    expect(hours._sum.count).toBe(first.readings);
    expect(days._sum.count).toBe(first.readings);
  });

  it("gives the demo readings past an alert bound: a flat battery, a stuffy kitchen at its peak", async () => {
    const extreme = async (name: string, key: string, pick: "min" | "max") => {
      const device = DEMO_DEVICES.find((d) => d.name === name)!;
      const metric = await db.metric.findUniqueOrThrow({ where: { deviceId_key: { deviceId: device.id, key } } });
      const found = await db.telemetry.aggregate({ where: { metricId: metric.id }, _min: { value: true }, _max: { value: true } });
      return pick === "min" ? found._min.value! : found._max.value!;
    };
    const bound = (kind: string, key: string) => metricSpec(kind, key)!.alert!;
    expect(await extreme("Allotment soil north", "battery", "max")).toBeLessThan(bound("soil-sensor", "battery").below!);
    expect(await extreme("Kitchen air", "co2", "max")).toBeGreaterThan(bound("air-quality", "co2").above!);
    expect(await extreme("Office air", "co2", "max")).toBeLessThan(bound("air-quality", "co2").above!);
  });

  it("marks each device last seen when it fell silent", async () => {
    for (const { id, silentForHours = 0 } of DEMO_DEVICES) {
      const device = await db.device.findUniqueOrThrow({ where: { id }, select: { lastSeenAt: true } });
      expect(device.lastSeenAt?.getTime(), id).toBe(NOW - silentForHours * HOUR);
    }
    // A silent device within the window has no readings after it fell silent.
    const silent = DEMO_DEVICES.find(({ silentForHours }) => silentForHours && silentForHours < DAYS * 24)!;
    const newest = await db.telemetry.findFirstOrThrow({ where: { metric: { deviceId: silent.id } }, orderBy: { time: "desc" } });
    expect(newest.time.getTime()).toBe(NOW - silent.silentForHours! * HOUR);
  });

  it("dates each device from the start of its history, not from when the seed ran", async () => {
    for (const { id } of DEMO_DEVICES) {
      const device = await db.device.findUniqueOrThrow({ where: { id }, select: { createdAt: true } });
      const oldest = await db.telemetry.findFirstOrThrow({ where: { metric: { deviceId: id } }, orderBy: { time: "asc" } });
      expect(device.createdAt.getTime(), id).toBe(oldest.time.getTime());
      expect(device.createdAt.getTime(), id).toBeLessThanOrEqual(NOW - DAYS * DAY_MS);
    }
  });

  it("changes nothing when run again", async () => {
    const before = await counts();
    const hashes = await Promise.all(DEMO_USERS.map(({ email }) => storedHash(email)));
    const again = await seed({ url, days: DAYS, now: NOW });
    expect(again).toEqual({ passwords: [], readings: 0 });
    expect(await counts()).toEqual(before);
    expect(await Promise.all(DEMO_USERS.map(({ email }) => storedHash(email)))).toEqual(hashes);
  });

  it("makes new passwords on request, and the old ones stop working", async () => {
    const before = await counts();
    const reset = await seed({ url, days: DAYS, now: NOW, resetPasswords: true });
    expect(reset.passwords.map(({ email }) => email)).toEqual(DEMO_USERS.map(({ email }) => email));
    expect(reset.readings).toBe(0);
    for (const { email, password } of reset.passwords) {
      const hash = await storedHash(email);
      expect(await verifyPassword(hash, password)).toBe(true);
      const old = first.passwords.find((entry) => entry.email === email)!.password;
      expect(old).not.toBe(password);
      expect(await verifyPassword(hash, old)).toBe(false);
    }
    expect(await counts()).toEqual(before);
  });
});
