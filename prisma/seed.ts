// Seeds the demo idempotently: users, devices and a month of minute readings. A second run keeps
// what is there and adds only what is missing. `npm run seed -- --help` lists the options.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { loadEnvConfig } from "@next/env";
import { hashPassword } from "@/lib/auth/password";
import { DEVICE_KINDS, type SignalSpec } from "@/lib/devices/catalog";
import { refreshRollups } from "@/lib/devices/rollups";
import { signalFor, signalState, signalValue } from "@/lib/devices/signal";
import { connectDatabase } from "@/lib/db-connect";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env-schema";
import { BUSY_TIMEOUT_MS, databaseFile } from "@/lib/sqlite";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { DEMO_USERS, demoDevices, type DemoDevice } from "./seed-data";

type SeedOptions = {
  url: string;
  days: number;
  /** How many devices in all: the demo's 25 unless a benchmark asks for a larger fleet. */
  devices?: number;
  resetPasswords?: boolean;
  now?: number;
  progress?: (line: string) => void;
};

export type SeedResult = { passwords: { email: string; role: string; password: string }[]; readings: number };

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const file = databaseFile(options.url);
  const db = connectDatabase(options.url);
  try {
    const passwords = await ensureUsers(db, options.resetPasswords ?? false);
    const pending = await ensureDevices(db, demoDevices(options.devices), options);
    const readings = file ? writeReadings(file, pending, options) : await writeReadingsPostgres(options.url, pending, options);
    const written = pending.flatMap((device) => device.series.map((series) => series.metricId));
    if (written.length > 0) {
      options.progress?.("rollups: hourly and daily aggregates");
      await refreshRollups(db, written, 0, options.now ?? Date.now());
    }
    return { passwords, readings };
  } finally {
    await db.$disconnect();
  }
}

function newPassword(): string {
  return crypto.randomBytes(15).toString("base64url");
}

async function ensureUsers(db: PrismaClient, resetPasswords: boolean) {
  const passwords: SeedResult["passwords"] = [];
  for (const user of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (existing && !resetPasswords) continue;
    const password = newPassword();
    const passwordHash = await hashPassword(password);
    await db.user.upsert({
      where: { email: user.email },
      create: { ...user, passwordHash },
      update: { passwordHash },
    });
    passwords.push({ email: user.email, role: user.role, password });
  }
  return passwords;
}

type PendingSeries = { metricId: number; deviceIndex: number; metricIndex: number; signal: SignalSpec };
type PendingDevice = { deviceId: string; silentForHours: number; series: PendingSeries[] };

/**
 * Creates missing devices and metrics; returns the devices that have metrics without readings. A
 * new device was added when its history starts, so that "Added" is not the moment the seed ran
 * above a month of readings.
 */
async function ensureDevices(db: PrismaClient, devices: DemoDevice[], options: SeedOptions): Promise<PendingDevice[]> {
  const owners = new Map(
    (await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, email: true } })).map(
      (u) => [u.email, u.id],
    ),
  );
  const pending: PendingDevice[] = [];
  for (const [deviceIndex, device] of devices.entries()) {
    const { id, owner, silentForHours = 0, signals, ...fields } = device;
    const createdAt = new Date(spanOf(silentForHours, options).from);
    await db.device.upsert({ where: { id }, create: { id, ownerId: owners.get(owner)!, ...fields, createdAt }, update: {} });
    const series: PendingSeries[] = [];
    for (const [metricIndex, spec] of DEVICE_KINDS[device.kind].metrics.entries()) {
      const metric = await db.metric.upsert({
        where: { deviceId_key: { deviceId: id, key: spec.key } },
        create: { deviceId: id, key: spec.key, unit: spec.unit },
        update: {},
        // One row is enough to know: counting a month of readings per metric made re-runs slow.
        select: { id: true, readings: { select: { time: true }, take: 1 } },
      });
      if (metric.readings.length === 0) series.push({ metricId: metric.id, deviceIndex, metricIndex, signal: signalFor(spec, signals) });
    }
    if (series.length > 0) pending.push({ deviceId: id, silentForHours, series });
  }
  return pending;
}

/** The minutes a device has readings for: `days` up to now, or up to when it went silent with a day before that at least. */
function spanOf(silentForHours: number, options: SeedOptions): { from: number; end: number } {
  const now = Math.floor((options.now ?? Date.now()) / MINUTE_MS) * MINUTE_MS;
  const end = now - silentForHours * HOUR_MS;
  // A device silent for longer than the window still gets a day of history before it went quiet.
  return { from: Math.min(now - options.days * DAY_MS, end - DAY_MS), end };
}

/** A series' readings over a span: the same values on every run and engine. */
function readingsOf(series: PendingSeries, { from, end }: { from: number; end: number }): { times: number[]; values: number[] } {
  const state = signalState(series.deviceIndex * 16 + series.metricIndex + 1);
  const times: number[] = [];
  const values: number[] = [];
  for (let time = from; time <= end; time += MINUTE_MS) {
    times.push(time);
    values.push(signalValue(series.signal, state, time));
  }
  return { times, values };
}

/** PostgreSQL: a device's readings as arrays, unnested into rows, in one transaction a device (as SQLite's below). */
async function writeReadingsPostgres(url: string, pending: PendingDevice[], options: SeedOptions): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let total = 0;
  try {
    for (const [index, device] of pending.entries()) {
      const span = spanOf(device.silentForHours, options);
      await client.query("BEGIN");
      for (const series of device.series) {
        const { times, values } = readingsOf(series, span);
        for (let i = 0; i < times.length; i += 20_000) {
          await client.query(
            `INSERT INTO "Telemetry" ("metricId", "time", "value")
             SELECT $1, to_timestamp(t / 1000.0) AT TIME ZONE 'UTC', v FROM unnest($2::bigint[], $3::float8[]) AS r(t, v)`,
            [series.metricId, times.slice(i, i + 20_000), values.slice(i, i + 20_000)],
          );
        }
        total += times.length;
      }
      await client.query(`UPDATE "Device" SET "lastSeenAt" = to_timestamp($1 / 1000.0) AT TIME ZONE 'UTC' WHERE "id" = $2`, [span.end, device.deviceId]);
      await client.query("COMMIT");
      options.progress?.(`readings: ${index + 1}/${pending.length} devices, ${total.toLocaleString("en")} rows`);
    }
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
  return total;
}

/** Bulk inserts through better-sqlite3 itself: Prisma's createMany is far slower for millions of rows. */
function writeReadings(file: string, pending: PendingDevice[], options: SeedOptions): number {
  const raw = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  raw.pragma("synchronous = NORMAL");
  const insert = raw.prepare('INSERT INTO "Telemetry" ("metricId", "time", "value") VALUES (?, ?, ?)');
  const markSeen = raw.prepare('UPDATE "Device" SET "lastSeenAt" = ? WHERE "id" = ?');
  // One transaction a device: its readings and its last-seen time land together or not at all.
  const insertDevice = raw.transaction((device: PendingDevice) => {
    const span = spanOf(device.silentForHours, options);
    let count = 0;
    for (const series of device.series) {
      const { times, values } = readingsOf(series, span);
      for (let i = 0; i < times.length; i++, count++) insert.run(series.metricId, times[i], values[i]);
    }
    markSeen.run(span.end, device.deviceId);
    return count;
  });
  let total = 0;
  try {
    for (const [index, device] of pending.entries()) {
      total += insertDevice(device);
      options.progress?.(`readings: ${index + 1}/${pending.length} devices, ${total.toLocaleString("en")} rows`);
    }
  } finally {
    raw.close();
  }
  return total;
}

async function main() {
  const { values } = parseArgs({
    options: {
      days: { type: "string", default: "30" },
      devices: { type: "string", default: "25" },
      "reset-passwords": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log("Usage: npm run seed -- [--days N] [--devices N] [--reset-passwords]");
    return;
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 400) throw new Error("--days takes a whole number from 1 to 400");
  const devices = Number(values.devices);
  if (!Number.isInteger(devices) || devices < 25 || devices > 1000) throw new Error("--devices takes a whole number from 25 to 1000");
  loadEnvConfig(process.cwd());
  const result = await seedWithProgress({ url: databaseUrl(), days, devices, resetPasswords: values["reset-passwords"] });
  printPasswords(result.passwords);
}

/** Seeds while drawing one progress line, rewritten in place on a terminal. */
export async function seedWithProgress(options: Omit<SeedOptions, "progress">): Promise<SeedResult> {
  const started = performance.now();
  const tty = process.stdout.isTTY;
  const result = await seed({ ...options, progress: (line) => (tty ? process.stdout.write(`\r  ${line}`) : console.log(`  ${line}`)) });
  if (tty && result.readings > 0) process.stdout.write("\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(result.readings > 0 ? `Seeded ${result.readings.toLocaleString("en")} readings in ${seconds} s.` : "Demo data already in place.");
  return result;
}

export function printPasswords(passwords: SeedResult["passwords"]): void {
  if (passwords.length === 0) return;
  console.log("\nDemo accounts. The passwords are shown this once; `npm run seed -- --reset-passwords` makes new ones.");
  for (const { email, role, password } of passwords) console.log(`  ${role.padEnd(8)}  ${email.padEnd(24)}  ${password}`);
  console.log("");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
