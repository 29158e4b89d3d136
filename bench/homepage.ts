// `npm run bench`: the homepage of an admin who sees 100 devices, on the full demo seed made larger:
// how long `next start` takes to render it, and how many bytes of script a browser fetches for it
// (against the device page, which carries the charts); then 100 devices against 1,000
// (bench/homepage-scale.ts; `--no-scale` skips it). Writes the figures to BENCHMARKS.md.
import os from "node:os";
import { freshStore } from "./engine";
import { machine, recordFigures, writeSection } from "./report";
import { launchChromium, measurePage, total, type PageWeight, type Transfer } from "./page-weight";
import { buildOnce, freshDatabase, startServer, UNLIMITED_RATES } from "./server";
import { cookieHeader, signIn, type Cookie } from "./sign-in";
import { measureScale } from "./homepage-scale";
import { percentile } from "./stats";
import { TILES_PER_PAGE } from "@/lib/devices/filter";
import { SECOND_MS } from "@/lib/time";

const PORT = 3300;
const DIST_DIR = ".next-bench-homepage";
const DEVICES = 100;
const DAYS = 30;
/** V8 keeps optimising the render's code for a few dozen requests (the first 20 ran about 20% slower). */
const WARM_UP = 30;
const RUNS = 100;
const RENDER_AIM_MS = 150;
const SCRIPT_AIM_BYTES = 180_000;

type Setup = { readings: number; seedSeconds: number; buildSeconds: number };

async function main() {
  const url = await freshDatabase("bench-homepage");
  const { seed } = await import("@/prisma/seed");
  const { demoDevices } = await import("@/prisma/seed-data");
  const seeding = performance.now();
  console.log(`seeding ${DEVICES} devices, ${DAYS} days of minute readings…`);
  const { passwords, readings } = await seed({ url, days: DAYS, devices: DEVICES });
  const seedSeconds = (performance.now() - seeding) / SECOND_MS;
  // Kept in memory only: the seed made it for this run's throwaway database.
  const admin = passwords.find((entry) => entry.role === "ADMIN");
  if (!admin) throw new Error("The seed made no admin password");
  console.log(`seeded ${readings.toLocaleString("en")} readings in ${seedSeconds.toFixed(1)} s; building…`);
  const setup: Setup = { readings, seedSeconds, buildSeconds: buildOnce(DIST_DIR) };

  const server = await startServer(PORT, DIST_DIR, UNLIMITED_RATES);
  try {
    const cookies = await signIn(server.base, admin.email, admin.password);
    const devices = demoDevices(DEVICES);
    const render = await measureRender(server.base, cookies, devices.map((device) => device.name));
    const browser = await launchChromium();
    try {
      const home = await measurePage(browser, server.base, cookies, "/");
      const device = await measurePage(browser, server.base, cookies, `/devices/${devices[0]!.id}`);
      reportRender(setup, render, home.document);
      reportScripts(home, device);
    } finally {
      await browser.close();
    }
  } finally {
    server.stop();
    await server.exited;
  }
  if (!process.argv.includes("--no-scale")) await measureScale(PORT, DIST_DIR, measureRender);
}

export type Render = { ms: number[]; firstByteMs: number[]; bytes: number; load: [number, number] };

/** Requests `/` one at a time, timing each to its last byte; each must be the dashboard itself. */
async function measureRender(base: string, cookies: Cookie[], names: string[]): Promise<Render> {
  const ms: number[] = [];
  const firstByteMs: number[] = [];
  let bytes = 0;
  const loadBefore = os.loadavg()[0]!;
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const started = performance.now();
    const response = await fetch(`${base}/`, { headers: { cookie: cookieHeader(cookies), "accept-encoding": "gzip" }, redirect: "manual" });
    const firstByte = performance.now() - started;
    const html = await response.text();
    const elapsed = performance.now() - started;
    // A redirect to /login or an error page would be fast, and must not pass for the dashboard.
    if (response.status !== 200) throw new Error(`GET / answered ${response.status} ${response.headers.get("location") ?? ""}`);
    // One page of tiles (lib/devices/filter.ts), and the count of the whole fleet.
    const shown = names.filter((name) => html.includes(name)).length;
    if (shown < Math.min(TILES_PER_PAGE, names.length)) throw new Error(`GET / shows ${shown} of the ${names.length} device names, fewer than a page of ${TILES_PER_PAGE}`);
    if (!html.includes(`of ${names.length.toLocaleString("en")} devices`)) throw new Error(`GET / does not count all ${names.length} devices`);
    if (run >= WARM_UP) {
      ms.push(elapsed);
      firstByteMs.push(firstByte);
    }
    bytes = Buffer.byteLength(html);
  }
  return { ms, firstByteMs, bytes, load: [loadBefore, os.loadavg()[0]!] };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const today = () => new Date().toISOString().slice(0, 10);

function reportRender(setup: Setup, render: Render, document: Transfer) {
  const [p50, p95] = [percentile(render.ms, 50), percentile(render.ms, 95)];
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const row = (what: string, xs: number[]) =>
    `| ${what} | ${ms(percentile(xs, 50))} | ${ms(percentile(xs, 95))} | ${ms(xs.reduce((sum, x) => sum + x, 0) / xs.length)} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`;
  const built = setup.buildSeconds > 0 ? `built for production in ${setup.buildSeconds.toFixed(0)} s` : "its production build was current";
  writeSection(
    "homepage-render",
    `## Homepage: server render with ${DEVICES} devices

Measured ${today()} on ${machine()}, on the demo seed made larger: ${setup.readings.toLocaleString("en")} minute readings
(${DEVICES} devices: the demo's 25 and copies of them, 3 metrics, ${DAYS} days), seeded with rollups in ${setup.seedSeconds.toFixed(1)} s;
${built}. The machine's 1-minute load average was ${render.load[0].toFixed(1)} before the requests and ${render.load[1].toFixed(1)} after (${os.cpus().length} CPUs).

| \`GET /\` | p50 | p95 | mean | fastest | slowest |
|---|---|---|---|---|---|
${row("full response (last byte)", render.ms)}
${row("first byte (the streamed shell)", render.firstByteMs)}

**p95 ${p95.toFixed(1)} ms** (aim: under ${RENDER_AIM_MS} ms). The HTML is ${kB(render.bytes)}, ${kB(document.transferred)} on the wire (${document.encoding}).

Method: \`bench/homepage.ts\` seeds ${freshStore()} with \`seed({ devices: ${DEVICES}, days: ${DAYS} })\`, builds into
\`${DIST_DIR}\` (skipped when its sources have not changed), runs \`next start\` on port ${PORT} with the API rate limits
raised out of the way, and signs in as the admin, who sees all ${DEVICES} devices, through next-auth's CSRF and
credentials endpoints with the password the seed made. It then requests \`/\` with that session cookie
${WARM_UP} times to warm up (V8 is still optimising the render's code over the first twenty or so requests,
which run about 20% slower; a server in use is past them) and ${RUNS} times measured, one at a time, each timed from the request to the last byte
of the body (gzip accepted, as a browser does). Every response must be a 200 that shows a page of tiles (${TILES_PER_PAGE}) and counts all ${DEVICES} devices,
so a redirect to /login or an error page cannot pass for a fast render. Since issue 12 the homepage renders one page
of ${TILES_PER_PAGE} tiles (it rendered all ${DEVICES} before: p95 73.6 ms, 318 kB), and the in-process API calls
pass values, not JSON text. The render includes the page's
calls to the device API with the admin's server-held token, in process. HTML is the decoded size;
on the wire is what Chromium received for the same page (below). The first byte is when the response's
headers arrived; the sections behind Suspense stream in after it, and the full response waits for them.`,
  );
  recordFigures({ [`Homepage: server render of \`/\` with ${DEVICES} devices, p95`]: `${p95.toFixed(1)} ms` });
  console.log(`homepage render: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, HTML ${kB(render.bytes)}`);
}

function reportScripts(home: PageWeight, device: PageWeight) {
  const homeTotal = total(home.scripts);
  const deviceTotal = total(device.scripts);
  const onHome = new Map(home.scripts.map((script) => [script.path, script]));
  const onDevice = new Map(device.scripts.map((script) => [script.path, script]));
  const rows = [...new Map([...onDevice, ...onHome]).values()]
    .sort((a, b) => (onHome.get(b.path)?.transferred ?? -1) - (onHome.get(a.path)?.transferred ?? -1) || b.transferred - a.transferred)
    .map((script) => {
      const cell = (page: Map<string, Transfer>) => (page.has(script.path) ? kB(page.get(script.path)!.transferred) : "–");
      const name = script.path.split("/").pop();
      return `| \`${name}\` | ${script.encoding} | ${cell(onHome)} | ${cell(onDevice)} | ${kB(script.decoded)} | ${script.recharts ? "yes" : ""} |`;
    });
  const uncompressed = [...new Map([...onDevice, ...onHome]).values()].filter((script) => script.encoding === "identity");
  // The compression middleware leaves bodies under 1 kB alone; anything larger must come gzipped.
  const large = uncompressed.filter((script) => script.decoded >= 1024);
  if (large.length > 0) throw new Error(`next start sent ${large.map((script) => script.path).join(", ")} uncompressed`);
  const idle = (page: PageWeight, name: string) =>
    page.idle ? "" : ` The ${name} kept a connection open (live updates), so its scripts were counted 15 s after load.`;
  writeSection(
    "homepage-script",
    `## Homepage: script weight

Measured ${today()} in Debian's Chromium, launched as the e2e suite launches it, against the same \`next start\` as the render above.

| chunk | encoding | homepage | device page | uncompressed | Recharts |
|---|---|---|---|---|---|
${rows.join("\n")}
| **total** | | **${kB(homeTotal)}** (${home.scripts.length} scripts) | **${kB(deviceTotal)}** (${device.scripts.length} scripts) | ${kB(total(home.scripts, "decoded"))} / ${kB(total(device.scripts, "decoded"))} | |

**Homepage: ${kB(homeTotal)} of script on the wire** (aim: at most ${SCRIPT_AIM_BYTES / 1000} kB); the device page: ${kB(deviceTotal)}.
${home.scripts.some((script) => script.recharts) ? "**The homepage loads Recharts.**" : "The homepage loads no Recharts code."}

Method: in a fresh browser context (empty cache) holding the admin's session cookie from the sign-in above,
load \`/\`, then \`${device.path}\` (one of the admin's devices), each until load and network idle, and sum over every
script response Chromium's \`request.sizes()\`: the encoded body and the response headers, as transferred
(1 kB = 1,000 bytes). \`next start\` compresses with gzip;
${uncompressed.length === 0 ? "every script came compressed" : `every script came gzipped but ${uncompressed.length} of under 1 kB, which the compression middleware leaves alone`}.
A chunk is marked Recharts when its code holds Recharts' \`recharts-wrapper\` class name. Scripts inlined in the HTML
(the React Server Components payload) are counted in the HTML above, not here.${idle(home, "homepage")}${idle(device, "device page")}`,
  );
  console.log(`homepage script: ${kB(homeTotal)} in ${home.scripts.length} scripts; device page ${kB(deviceTotal)}; written to BENCHMARKS.md`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
