// `npm run simulate`: pushes readings for the demo's devices through the real ingest API, each with
// its own device token, every few seconds; first it fills the gap since each device last reported.
// The tokens live only in this process: a new run revokes the last run's and issues fresh ones.
import { loadEnvConfig } from "@next/env";
import { pushReadings, simulatorSettings, type SimulatedDevice } from "@/lib/devices/simulator";
import { databaseUrl } from "@/lib/env-schema";
import { DEMO_DEVICES } from "@/prisma/seed-data";
import { DAY_MS, SECOND_MS } from "@/lib/time";

const NAME = "Simulator";
const BACKFILL_LIMIT_MS = 2 * DAY_MS;

async function main() {
  loadEnvConfig(process.cwd());
  process.env.DATABASE_URL = databaseUrl();
  const { base, intervalMs: interval } = simulatorSettings(process.env);
  const { db } = await import("@/lib/db");
  const { issueToken, revokeToken } = await import("@/lib/tokens/lifecycle");

  const previous = await db.apiToken.findMany({ where: { kind: "DEVICE", name: NAME, revokedAt: null }, select: { id: true } });
  for (const { id } of previous) await revokeToken("system", id, "simulator restarted");
  const live = DEMO_DEVICES.filter((d) => d.silentForHours === undefined);
  const rows = await db.device.findMany({ where: { id: { in: live.map((d) => d.id) }, enabled: true }, select: { id: true, kind: true, lastSeenAt: true } });
  const devices: SimulatedDevice[] = [];
  for (const row of rows) {
    const { token } = await issueToken("system", { userId: "", kind: "DEVICE", name: NAME, deviceId: row.id, expiresInDays: 1 });
    const index = DEMO_DEVICES.findIndex((d) => d.id === row.id);
    const last = Math.max(row.lastSeenAt?.getTime() ?? 0, Date.now() - BACKFILL_LIMIT_MS);
    devices.push({ id: row.id, kind: row.kind as SimulatedDevice["kind"], token, index, last, signals: DEMO_DEVICES[index]?.signals });
  }
  const stop = async () => {
    for (const { id } of await db.apiToken.findMany({ where: { kind: "DEVICE", name: NAME, revokedAt: null }, select: { id: true } })) {
      await revokeToken("system", id, "simulator stopped");
    }
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(`Simulating ${devices.length} devices against ${base} every ${interval / SECOND_MS} s.`);

  await waitFor(base);
  for (;;) {
    const now = Date.now();
    let sent = 0;
    for (const device of devices) sent += await pushReadings(base, device, now);
    if (sent > 0 && process.env.SIMULATOR_VERBOSE) console.log(`sent ${sent} readings`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

async function waitFor(base: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/v1/openapi.json`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`No device API at ${base}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
