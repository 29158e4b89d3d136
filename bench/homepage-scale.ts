// Part of `npm run bench` (bench/homepage.ts runs it): whether a homepage view costs the same for
// 1,000 devices as for 100. Each size gets a fresh database (two days of minute readings, so that
// the 1,000-device seed stays quick) and its own `next start` of the same build, and the admin's
// homepage is timed one request at a time, as the 100-device figure is.
import os from "node:os";
import { freshStore } from "./engine";
import { machine, writeSection } from "./report";
import { freshDatabase, startServer, UNLIMITED_RATES } from "./server";
import { signIn } from "./sign-in";
import { percentile } from "./stats";
import type { Render } from "./homepage";

const SIZES = [100, 1000] as const;
const DAYS = 2;
const HTML_FLOOR_BYTES = 300_000;
const RATIO_FLOOR = 1.3;

type Measure = (base: string, cookies: Awaited<ReturnType<typeof signIn>>, names: string[]) => Promise<Render>;

export async function measureScale(port: number, distDir: string, measure: Measure): Promise<void> {
  const { seed } = await import("@/prisma/seed");
  const { demoDevices } = await import("@/prisma/seed-data");
  const results: { devices: number; render: Render }[] = [];
  for (const devices of SIZES) {
    const url = await freshDatabase(`bench-homepage-${devices}`);
    console.log(`seeding ${devices} devices, ${DAYS} days…`);
    const { passwords } = await seed({ url, days: DAYS, devices });
    const admin = passwords.find((entry) => entry.role === "ADMIN");
    if (!admin) throw new Error("The seed made no admin password");
    const server = await startServer(port, distDir, UNLIMITED_RATES);
    try {
      const cookies = await signIn(server.base, admin.email, admin.password);
      results.push({ devices, render: await measure(server.base, cookies, demoDevices(devices).map((device) => device.name)) });
    } finally {
      server.stop();
      await server.exited;
    }
  }
  report(results);
}

function report(results: { devices: number; render: Render }[]) {
  const [small, large] = results as [{ devices: number; render: Render }, { devices: number; render: Render }];
  const p95 = (render: Render) => percentile(render.ms, 95);
  const ratio = p95(large.render) / p95(small.render);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const rows = results.map(
    ({ devices, render }) =>
      `| ${devices.toLocaleString("en")} | ${ms(percentile(render.ms, 50))} | ${ms(p95(render))} | ${(render.bytes / 1000).toFixed(1)} kB | ${render.load.map((x) => x.toFixed(1)).join(" → ")} |`,
  );
  writeSection(
    "homepage-scale",
    `## Homepage: 100 devices against 1,000

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()} (${os.cpus().length} CPUs).

| devices the admin sees | p50 | p95 | HTML | load average (1 min) |
|---|---|---|---|---|
${rows.join("\n")}

**1,000 devices: ${(large.render.bytes / 1000).toFixed(1)} kB of HTML** (floor: at most ${HTML_FLOOR_BYTES / 1000} kB), **render p95 ${ratio.toFixed(2)}× the 100-device one** (floor: at most ${RATIO_FLOOR}×).

Method: for each size, ${freshStore()}, seeded with \`seed({ devices, days: ${DAYS} })\` (two days keep the 1,000-device seed
short; the 30-day figure above is for 100), \`next start\` of the same build with the rate limits raised, the admin signed in,
and \`/\` requested as above: warm-up, then timed one at a time to the last byte. Every response must show a page of tiles and count
the whole fleet. The homepage reads the fleet light (\`GET /fleet\`, and \`GET /overview/search\`, which searches, filters, sorts and
counts every device from one statement that reads no tile data) and reads and renders only the page's tiles in full.`,
  );
  console.log(`homepage at scale: p95 ${results.map((r) => `${r.devices}: ${ms(p95(r.render))}`).join(", ")}; ratio ${ratio.toFixed(2)}`);
}
