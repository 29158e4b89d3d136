// Telemetry's and the rollups' layout on PostgreSQL (issue 13): the migrated layout against the
// alternatives it was chosen over, for the two things the layout serves: the device page's 30-day chart (read from
// the rollups) and ingest (readings inserted, their rollup rows rewritten). Each layout is a copy of
// one seeded database, and every measurement alternates between the copies, so that all three see
// the same machine at the same moments. Writes BENCHMARKS.md.
// `npx tsx --conditions=react-server bench/postgres-layout.ts --postgres`.
import os from "node:os";
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { ENGINE } from "./engine";
import { machine, writeSection } from "./report";
import { freshDatabase } from "./server";
import { percentile } from "./stats";

const DAYS = 30;
const CHART_RUNS = 100;
const RAW_EVERY = 5;
const INGEST_BATCHES = 60;
const BATCH_SIZE = 500;
/** Rounds of live reports: every device sends one reading a metric, 10 s after the last round's. */
const LIVE_ROUNDS = 60;

type Layout = { name: string; why?: string; apply: string[] };

const PLAIN_ROLLUP_KEY =
  'ALTER TABLE "TelemetryRollup" DROP CONSTRAINT "TelemetryRollup_pkey", ADD CONSTRAINT "TelemetryRollup_pkey" PRIMARY KEY ("metricId", "resolution", "time")';

/** The migrated layout first (prisma/postgres/migrations), then the alternatives it was chosen over. */
const LAYOUTS: Layout[] = [
  { name: "as migrated: the rollup key covering, `(metricId, resolution, time) INCLUDE (min, max, sum, count)`; the readings' key `(metricId, time)`", apply: [] },
  {
    name: "plain rollup key `(metricId, resolution, time)`, as Prisma makes it",
    why: "the baseline: the chart visits a heap page for most of its rows, since a live fleet writes every metric's rollups interleaved in time",
    apply: [PLAIN_ROLLUP_KEY],
  },
  {
    name: "plain rollup key, rollups at fill factor 70",
    why: "room on each page for an updated rollup row, so that the rewrite of a bucket's row on ingest can be a heap-only (HOT) update",
    apply: [PLAIN_ROLLUP_KEY, 'ALTER TABLE "TelemetryRollup" SET (fillfactor = 70)'],
  },
  {
    name: "covering keys on both: the rollups' as migrated, and the readings' `(metricId, time) INCLUDE (value)`",
    why: "index-only scans for the raw aggregate (ranges too short for a rollup) as well",
    apply: ['ALTER TABLE "Telemetry" DROP CONSTRAINT "Telemetry_pkey", ADD CONSTRAINT "Telemetry_pkey" PRIMARY KEY ("metricId", "time") INCLUDE ("value")'],
  },
];

type Copy = { layout: Layout; url: string; client: pg.Client; chart: number[]; raw: number[]; ingestMs: number[]; liveMs: number[] };

/** The statement as the pg driver takes it: `$n` placeholders, and Dates bound as UTC (below). */
const query = (client: pg.Client, sql: Prisma.Sql) => client.query(sql.text, sql.values);

async function main() {
  if (ENGINE !== "postgres") throw new Error("This benchmark is PostgreSQL's: run it with --postgres");
  pg.defaults.parseInputDatesAsUTC = true;
  const url = await freshDatabase("bench-layout");
  const { seed } = await import("@/prisma/seed");
  const seeding = performance.now();
  const { readings } = await seed({ url, days: DAYS });
  const seedSeconds = (performance.now() - seeding) / SECOND_MS;

  const { bucketsSql, insertReadingsSql, touchLastSeenSql } = await import("@/lib/devices/sql");
  const { rollupSql } = await import("@/lib/devices/rollups");
  const { Prisma } = await import("@/lib/generated/prisma/client");
  const copies = await copiesOf(url);
  const first = copies[0]!.client;
  const devices = (await first.query<{ id: string }>('SELECT "id" FROM "Device" ORDER BY "id"')).rows.map((row) => row.id);
  const metricIds = new Map(
    (await first.query<{ id: number; key: string }>('SELECT "id", "key" FROM "Metric" WHERE "deviceId" = $1', [devices[0]])).rows.map((row) => [row.key, row.id]),
  );

  // The device page's range: the last 30 days in two-hour buckets, read as stored (lib/devices/telemetry.ts).
  const size = 2 * 60 * MINUTE_MS;
  const to = Math.ceil(Date.now() / size) * size;
  const from = to - DAYS * DAY_MS;
  const chartOf = (deviceId: string, resolution: number | null) => bucketsSql({ visible: Prisma.sql`TRUE`, deviceId, from, to, size, resolution });
  for (let run = 0; run < CHART_RUNS + 5; run++) {
    const deviceId = devices[run % devices.length]!;
    for (const copy of rotated(copies, run)) {
      let started = performance.now();
      await query(copy.client, chartOf(deviceId, size));
      if (run >= 5) copy.chart.push(performance.now() - started);
      if (run % RAW_EVERY !== 0) continue;
      started = performance.now();
      await query(copy.client, chartOf(deviceId, null));
      if (run >= 5) copy.raw.push(performance.now() - started);
    }
  }

  // Back-fill: batches of 500 readings a minute apart, three metrics, on one device, before the
  // seed's month: each inserts its readings and recomputes the rollup rows of the hours it covers,
  // in one transaction, as ingestReadings does after the API's checks. Mostly new rollup rows.
  const atStart = await Promise.all(copies.map((copy) => rollupStats(copy.client)));
  const start = from - 2 * DAY_MS;
  const metrics = [...metricIds.keys()];
  const batchOf = (deviceId: string, rows: (readonly [number, number, number])[]) => {
    const times = rows.map((row) => row[1]);
    const ids = [...new Set(rows.map((row) => row[0]))];
    return [insertReadingsSql(rows), ...rollupSql(ids, Math.min(...times), Math.max(...times)), touchLastSeenSql(deviceId, Math.max(...times), Date.now())];
  };
  const run = async (client: pg.Client, statements: Prisma.Sql[]) => {
    await client.query("BEGIN");
    for (const statement of statements) await query(client, statement);
    await client.query("COMMIT");
  };
  for (let batch = 0; batch < INGEST_BATCHES; batch++) {
    const rows = Array.from({ length: BATCH_SIZE }, (_, i) => {
      const k = batch * BATCH_SIZE + i;
      return [metricIds.get(metrics[k % metrics.length]!)!, start + Math.floor(k / metrics.length) * MINUTE_MS, 20 + (k % 100) / 10] as const;
    });
    const statements = batchOf(devices[0]!, rows);
    for (const copy of rotated(copies, batch)) {
      const started = performance.now();
      await run(copy.client, statements);
      copy.ingestMs.push(performance.now() - started);
    }
  }
  // Live: what a running fleet does all day. Each round every device reports one reading a metric,
  // a batch of its own, so each batch rewrites the rollup rows of the current hour, two hours and
  // day that already exist: the updates a fill factor or a covering key helps or hurts.
  await new Promise((resolve) => setTimeout(resolve, 1.5 * SECOND_MS));
  const afterBackfill = await Promise.all(copies.map((copy) => rollupStats(copy.client)));
  const fleet = await first.query<{ deviceId: string; id: number }>('SELECT "deviceId", "id" FROM "Metric" ORDER BY "deviceId", "id"');
  const liveStart = Date.now() - LIVE_ROUNDS * 10 * SECOND_MS;
  for (let round = 0; round < LIVE_ROUNDS; round++) {
    const time = liveStart + round * 10 * SECOND_MS;
    const batches = devices.map((deviceId) => batchOf(deviceId, fleet.rows.filter((m) => m.deviceId === deviceId).map((m) => [m.id, time, 20 + (round % 7)] as const)));
    for (const copy of rotated(copies, round)) {
      const started = performance.now();
      for (const statements of batches) await run(copy.client, statements);
      copy.liveMs.push(performance.now() - started);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1.5 * SECOND_MS));
  const afterLive = await Promise.all(copies.map((copy) => rollupStats(copy.client)));
  const sizes = await Promise.all(copies.map((copy) => sizesOf(copy.client)));
  const serverVersion = (await first.query<{ version: string }>("SELECT current_setting('server_version') AS \"version\"")).rows[0]!.version;
  await Promise.all(copies.map((copy) => copy.client.end()));
  report(
    copies.map((copy, i) => ({
      ...copy,
      hot: hotShare(atStart[i]!, afterBackfill[i]!),
      liveHot: hotShare(afterBackfill[i]!, afterLive[i]!),
      keyGrowth: afterLive[i]!.keyBytes - afterBackfill[i]!.keyBytes,
      sizes: sizes[i]!,
    })),
    readings,
    seedSeconds,
    serverVersion,
  );
}

/** One database a layout, each a copy of the seeded one, rewritten and analysed alike. */
async function copiesOf(url: string): Promise<Copy[]> {
  const template = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const copies: Copy[] = [];
  try {
    for (const [i, layout] of LAYOUTS.entries()) {
      const name = `${template}_${i}`;
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      // A database is copied only while no one else is connected to it (the seed's client may linger).
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()", [template]);
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      const copyUrl = new URL(url);
      copyUrl.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: copyUrl.toString() });
      await client.connect();
      for (const statement of layout.apply) await client.query(statement);
      await client.query('VACUUM (FULL, ANALYZE) "Telemetry", "TelemetryRollup"');
      await client.query('VACUUM (ANALYZE) "Telemetry", "TelemetryRollup"');
      copies.push({ layout, url: copyUrl.toString(), client, chart: [], raw: [], ingestMs: [], liveMs: [] });
    }
  } finally {
    await admin.end();
  }
  return copies;
}

/** The copies in a different order each run, so that none is always first after another's work. */
function rotated<T>(items: T[], run: number): T[] {
  const k = run % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

type Stats = { hot: number; updates: number; keyBytes: number };

/** The rollups' updates so far, how many were HOT, and the size of their primary key. */
async function rollupStats(client: pg.Client): Promise<Stats> {
  const { rows } = await client.query<{ hot: string; updates: string; key: string }>(
    `SELECT n_tup_hot_upd AS "hot", n_tup_upd AS "updates", pg_relation_size('"TelemetryRollup_pkey"') AS "key" FROM pg_stat_user_tables WHERE relname = 'TelemetryRollup'`,
  );
  return { hot: Number(rows[0]!.hot), updates: Number(rows[0]!.updates), keyBytes: Number(rows[0]!.key) };
}

const hotShare = (before: Stats, after: Stats) => (after.updates === before.updates ? 0 : (after.hot - before.hot) / (after.updates - before.updates));

async function sizesOf(client: pg.Client): Promise<{ readings: number; rollups: number }> {
  const { rows } = await client.query<{ readings: string; rollups: string }>(
    `SELECT pg_total_relation_size('"Telemetry"') AS "readings", pg_total_relation_size('"TelemetryRollup"') AS "rollups"`,
  );
  return { readings: Number(rows[0]!.readings), rollups: Number(rows[0]!.rollups) };
}

type Result = Copy & { hot: number; liveHot: number; keyGrowth: number; sizes: { readings: number; rollups: number } };

function report(results: Result[], readings: number, seedSeconds: number, serverVersion: string) {
  const ms = (xs: number[], p: number) => `${percentile(xs, p).toFixed(2)} ms`;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
  const perSecond = (r: Result) => (BATCH_SIZE * r.ingestMs.length) / (r.ingestMs.reduce((sum, x) => sum + x, 0) / SECOND_MS);
  const livePerSecond = (r: Result) => (r.liveMs.length * 25) / (r.liveMs.reduce((sum, x) => sum + x, 0) / SECOND_MS);
  const rows = results.map(
    (r) =>
      `| ${r.layout.name} | ${ms(r.chart, 50)} | ${ms(r.chart, 95)} | ${ms(r.raw, 50)} | ${perSecond(r).toFixed(0)} (${(r.hot * 100).toFixed(0)}% HOT) | ${livePerSecond(r).toFixed(0)} (${(r.liveHot * 100).toFixed(0)}% HOT) | ${kb(r.keyGrowth)} | ${mb(r.sizes.readings)} / ${mb(r.sizes.rollups)} |`,
  );
  writeSection(
    "telemetry-layout",
    `## Telemetry layout

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, PostgreSQL ${serverVersion} on the same machine, on the demo seed:
${readings.toLocaleString("en")} minute readings (25 devices, 3 metrics, ${DAYS} days), seeded with rollups in ${seedSeconds.toFixed(1)} s.
The machine's 1-minute load average was ${os.loadavg()[0]!.toFixed(1)} at the end (${os.cpus().length} CPUs).

| layout | 30-day chart p50 | p95 | raw aggregate p50 | back-fill, readings/s (rollup updates HOT) | live reports, batches/s (rollup updates HOT) | rollup key's growth over the live rounds | size: readings / rollups |
|---|---|---|---|---|---|---|---|
${rows.join("\n")}

${results
  .filter((r) => r.layout.why)
  .map((r) => `- *${r.layout.name}*: tried for ${r.layout.why}.`)
  .join("\n")}

Method: \`bench/postgres-layout.ts --postgres\` seeds a fresh database, copies it once a layout
(\`CREATE DATABASE … TEMPLATE\`), applies each layout to its copy and rewrites both tables there
(\`VACUUM (FULL, ANALYZE)\`, then \`VACUUM (ANALYZE)\`). It then times, on one connection a copy and taking the copies in
turn (in a rotating order), the statements the app itself builds (lib/devices/sql.ts): ${CHART_RUNS} of the device
page's 30-day chart query (2 h buckets, read from the rollups as stored; after 5 warm-up rounds), cycling through the
devices, with one in ${RAW_EVERY} of the same range aggregated from the raw readings; then ${INGEST_BATCHES} back-fill batches of
${BATCH_SIZE} readings (a day before the seed's month), each the readings' insert, the recomputation of their hourly,
two-hourly and daily rollup rows and the device's last-seen time, in one transaction; then ${LIVE_ROUNDS} rounds of live reports,
in which each of the 25 devices sends one reading a metric, as its own batch, 10 s after the last round's: each batch
rewrites the existing rollup rows of the current hour, two hours and day, which is where a fill factor or a covering
key (whose updated columns are indexed, so no update of them can be HOT) shows. The statements go straight to
the \`pg\` driver, so that the figures are the layout's, not Prisma's. HOT updates are from \`pg_stat_user_tables\`.`,
  );
  for (const r of results) console.log(`${r.layout.name}: chart p95 ${ms(r.chart, 95)}, ingest ${perSecond(r).toFixed(0)} readings/s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
