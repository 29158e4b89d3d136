// The device page's 30-day chart query on the full demo seed (3.2 million minute readings): from the
// rollups (two-hourly, the bucket it asks for) against the same aggregate over the raw readings, in one run. Writes BENCHMARKS.md.
import os from "node:os";
import { personOf } from "@/lib/testing/callers";
import { DAY_MS, SECOND_MS } from "@/lib/time";
import { ENGINE, freshStore } from "./engine";
import { machine, recordFigures, writeSection } from "./report";
import { freshDatabase } from "./server";
import { percentile } from "./stats";

const RUNS = 100;

const READ_PATH = { sqlite: "on the driver's query-only connection, lib/db-read.ts", postgres: "through Prisma's PostgreSQL adapter, lib/db-read.ts" };
/** On PostgreSQL the query runs in the server's process: this process's CPU is the rows' parsing and shaping only. */
const CPU_NOTE = { sqlite: " (SQLite runs in it)", postgres: " (PostgreSQL runs the query in its own process, so this is Node's share only: the wall-clock ratio is the one to read)" };

async function main() {
  const url = await freshDatabase("bench-telemetry");
  const { seed } = await import("@/prisma/seed");
  const seeded = performance.now();
  const { readings } = await seed({ url, days: 30 });
  const seedSeconds = (performance.now() - seeded) / SECOND_MS;

  const { db } = await import("@/lib/db");
  const { readBuckets } = await import("@/lib/devices/telemetry");
  const { TelemetryQuery } = await import("@/lib/api/schemas");
  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@gatehouse.local" }, select: { id: true, role: true } });
  const caller = personOf(admin);
  const devices = await db.device.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  // Exactly what GET /devices/{id}/telemetry does for the page's 30-day range.
  const to = new Date();
  const range = TelemetryQuery.parse({ from: new Date(to.getTime() - 30 * DAY_MS).toISOString(), to: to.toISOString() });

  const loadBefore = os.loadavg()[0]!;
  const timings = { rollup: [] as number[], raw: [] as number[] };
  const cpu = { rollup: [] as number[], raw: [] as number[] };
  for (let run = 0; run < RUNS + 5; run++) {
    const deviceId = devices[run % devices.length]!.id;
    for (const source of ["rollup", "raw"] as const) {
      const [started, cpuStarted] = [performance.now(), process.cpuUsage()];
      const series = await readBuckets(caller, deviceId, range, source === "raw" ? "raw" : "auto");
      const elapsed = performance.now() - started;
      const { user, system } = process.cpuUsage(cpuStarted);
      if (!series || series.length === 0) throw new Error("The chart query returned nothing");
      if (run >= 5) timings[source].push(elapsed);
      if (run >= 5) cpu[source].push((user + system) / 1000);
    }
  }
  await db.$disconnect();
  report(readings, seedSeconds, range.bucketMs / SECOND_MS, timings, cpu, [loadBefore, os.loadavg()[0]!]);
}

type Samples = { rollup: number[]; raw: number[] };

function report(readings: number, seedSeconds: number, bucketSeconds: number, t: Samples, cpu: Samples, load: number[]) {
  const [r50, r95, w50, w95] = [percentile(t.rollup, 50), percentile(t.rollup, 95), percentile(t.raw, 50), percentile(t.raw, 95)];
  const ms = (xs: number[], p: number) => `${percentile(xs, p).toFixed(2)} ms`;
  writeSection(
    "telemetry",
    `## Telemetry: the 30-day chart query

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, on the full demo seed: ${readings.toLocaleString("en")} minute
readings (25 devices, 3 metrics, 30 days), seeded with rollups in ${seedSeconds.toFixed(1)} s. The machine's 1-minute load
average was ${load[0]!.toFixed(1)} before the runs and ${load[1]!.toFixed(1)} after (${os.cpus().length} CPUs): other work on a shared machine
stretches wall-clock times, the short rollup read's p95 most.

| source | p50 | p95 | CPU p50 | CPU p95 |
|---|---|---|---|---|
| two-hour rollups, read as stored (what the API reads) | ${ms(t.rollup, 50)} | ${ms(t.rollup, 95)} | ${ms(cpu.rollup, 50)} | ${ms(cpu.rollup, 95)} |
| raw readings, same aggregate | ${ms(t.raw, 50)} | ${ms(t.raw, 95)} | ${ms(cpu.raw, 50)} | ${ms(cpu.raw, 95)} |

**p95 ${r95.toFixed(2)} ms** (issue 12's floor: under 5 ms; aim: under 2 ms); **${(w95 / r95).toFixed(1)}× faster** than the raw aggregate at p95
(${(w50 / r50).toFixed(1)}× at p50; floor: at least 20×; aim: 50×). In CPU time, which other work on the machine disturbs less:
${(percentile(cpu.raw, 95) / percentile(cpu.rollup, 95)).toFixed(1)}× at p95, ${(percentile(cpu.raw, 50) / percentile(cpu.rollup, 50)).toFixed(1)}× at p50.

Method: \`npm run bench\` seeds ${freshStore()} with the demo seed, then for ${RUNS} runs (after 5 warm-up runs),
cycling through the 25 devices, times \`readBuckets\` in-process for the range the device page asks for
(the last 30 days, ${bucketSeconds / 3600} h buckets: about 360 points a metric, all three metrics), once from the
rollups and once with \`source: "raw"\` (the same code and the same JSON shape, grouped from the readings, ${READ_PATH[ENGINE]}),
alternating so that both see the same cache state; wall-clock time, and the process's CPU time over the same call${CPU_NOTE[ENGINE]}. The rollups are kept by the hour, the two hours and the day; a bucket
of a stored size is read as stored, with no grouping. Both sources return the same buckets (min and max to 0.001,
count exactly, the average to 0.01: lib/devices/rollups.test.ts checks it).`,
  );
  recordFigures({ "Chart: the 30-day query from the rollups, p95 (times faster than raw)": `${r95.toFixed(2)} ms (${(w95 / r95).toFixed(1)}×)` });
  console.log(`chart query p95: rollups ${r95.toFixed(2)} ms, raw ${w95.toFixed(2)} ms (${(w95 / r95).toFixed(1)}×)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
