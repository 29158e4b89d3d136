// The benchmark's ceiling for the homepage: a page rendered per request with 25 device tiles, each
// metric with its SVG sparkline, drawn by the homepage's own tile components from constants. No
// session, no database, no token: what such a page costs the framework at the least.
// Named *.bench.tsx, so it is a page only in the build that `npm run bench` makes (see next.config.ts).
import { DeviceTiles } from "@/components/devices/device-tiles";
import { DEVICE_KINDS, kindLabel, metricLabel } from "@/lib/devices/catalog";
import { formatReading } from "@/lib/devices/format";
import { SPARK_HOURS, sparklinePath, sparklineSummary } from "@/lib/devices/sparkline";
import type { Tile } from "@/lib/devices/tile";

export const dynamic = "force-dynamic";

const TILES = 25;
const KINDS = Object.entries(DEVICE_KINDS);
// A fixed time, so that every run renders the same tiles ("… ago" aside).
const LAST_SEEN = new Date(Date.UTC(2026, 0, 1)).toISOString();

/** A smooth day of hourly values around a metric's level, different for each tile. */
function day(base: number, swing: number, seed: number): number[] {
  return Array.from({ length: SPARK_HOURS }, (_, hour) => base + swing * Math.sin((hour + seed) / 3.8) + (((hour * 7 + seed) % 5) - 2) * swing * 0.05);
}

const tiles: Tile[] = Array.from({ length: TILES }, (_, i) => {
  const [kind, spec] = KINDS[i % KINDS.length]!;
  return {
    id: `cmbenchdevice${String(i).padStart(12, "0")}`,
    name: `Bench device ${i + 1}`,
    about: `${kindLabel(kind)} · Room ${(i % 7) + 1}`,
    status: i % 5 === 4 ? "offline" : "online",
    lastSeenAt: LAST_SEEN,
    owner: "Ada Admin",
    alerts: i % 6 === 0 ? [`${metricLabel(kind, spec.metrics[0].key)} above its limit`] : [],
    readings: spec.metrics.map(({ key, unit, signal }) => {
      const values = day(signal.base, signal.swing || 1, i);
      const label = metricLabel(kind, key);
      return { key, label, value: formatReading(values.at(-1)!, unit), path: sparklinePath(values), summary: sparklineSummary(values, label, unit) };
    }),
  };
});

export default async function BenchTiles({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Read per request, as the homepage reads its filter: this page is rendered for each request.
  const { q } = await searchParams;
  return (
    <main className="mx-auto max-w-7xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Devices{typeof q === "string" ? ` matching ${q}` : ""}</h1>
      <DeviceTiles tiles={tiles} />
    </main>
  );
}
