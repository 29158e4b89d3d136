// `npm run bench`: requests per second of GET /api/v1/devices with a valid token, against the same
// query and JSON with no token check, interleaved in one run against `next start`; then how long a
// revocation takes to bite; then telemetry ingest. Writes the figures to BENCHMARKS.md.
// The route with no token check exists only in this benchmark's own build (GATEHOUSE_BUILD_BENCH=1).
// `bench/api.ts --ingest` runs the ingest part alone; `--profile` runs the server under `node --cpu-prof`
// and prints where its time went (bench/profile.ts).
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { printSummary, summariseProfile } from "./profile";
import { freshStore } from "./engine";
import { machine, recordFigures, writeSection } from "./report";
import { buildOnce, freshDatabase, startServer, UNLIMITED_RATES } from "./server";
import { percentile } from "./stats";
import { MINUTE_MS, SECOND_MS } from "@/lib/time";

const PORT = 3400;
const DIST_DIR = ".next-bench";
const BASE = `http://localhost:${PORT}`;
const ROUNDS = 3;
const SECONDS = 8;
const CONNECTIONS = 8;

async function main() {
  await freshDatabase("bench");
  const { seed } = await import("@/prisma/seed");
  await seed({ url: process.env.DATABASE_URL!, days: 1 });
  buildOnce(DIST_DIR, { GATEHOUSE_BUILD_BENCH: "1" });

  const profileDir = path.resolve(".data/bench-profile/api");
  const profiling = process.argv.includes("--profile");
  if (profiling) fs.rmSync(profileDir, { recursive: true, force: true });
  const server = await startServer(PORT, DIST_DIR, UNLIMITED_RATES, profiling ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []);
  // The ingest rounds, on the clock the server's profile uses too (both monotonic).
  let window: { fromUs: number; toUs: number } | undefined;
  try {
    const { db } = await import("@/lib/db");
    const { issueToken } = await import("@/lib/tokens/lifecycle");
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@gatehouse.local" }, select: { id: true, role: true } });
    if (!process.argv.includes("--ingest")) await benchAuthentication(admin);
    const device = await db.device.findFirstOrThrow({ where: { ownerId: admin.id }, select: { id: true } });
    const ingest = await issueToken("system", { userId: admin.id, kind: "DEVICE", name: "bench ingest", deviceId: device.id });
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const rounds = await measureIngest(device.id, ingest.token, server.pid, !profiling);
    window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    // A profiled run measures the API alone (its profile holds nothing else) and writes no figures.
    if (!profiling) reportIngest(rounds);
  } finally {
    server.stop();
  }
  if (profiling) {
    await server.exited;
    printProfile(profileDir, window);
  }
}

/** The largest profile in dir (the server's; a launcher's would be tiny), summarised on the console. */
function printProfile(dir: string, window?: { fromUs: number; toUs: number }) {
  const [file] = fs.readdirSync(dir).map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  if (!file) throw new Error("No CPU profile was written");
  console.log(`\nprofile of the server (${file}):`);
  printSummary(summariseProfile(file, window, 40));
}

/** The read benchmark: the authenticated route against the bare one, then a revocation. */
async function benchAuthentication(admin: { id: string; role: string }) {
  const { issueToken, revokeToken } = await import("@/lib/tokens/lifecycle");
  const { token, view } = await issueToken("system", { userId: admin.id, kind: "PERSONAL", name: "bench", scopes: ["devices:read"] });
  const authed = { url: `${BASE}/api/v1/devices?limit=50`, headers: { authorization: `Bearer ${token}` } };
  const bare = { url: `${BASE}/api/bench/devices?limit=50&userId=${admin.id}&role=${admin.role}`, headers: {} };
  await assertSameBody(authed, bare);

  await measure(bare, 2);
  await measure(authed, 2);
  const rates = { bare: [] as number[], authed: [] as number[], bareP99: [] as number[], authedP99: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const b = await measure(bare, SECONDS);
    const a = await measure(authed, SECONDS);
    rates.bare.push(b.requests.average);
    rates.authed.push(a.requests.average);
    rates.bareP99.push(b.latency.p99);
    rates.authedP99.push(a.latency.p99);
    console.log(`round ${round + 1}: bare ${b.requests.average.toFixed(0)} req/s, authenticated ${a.requests.average.toFixed(0)} req/s`);
  }
  const revocationMs = await timeRevocation(authed, () => revokeToken("system", view.id, "benchmark"));
  report(rates, revocationMs);
}

type Target = { url: string; headers: Record<string, string> };

async function assertSameBody(a: Target, b: Target) {
  const [x, y] = await Promise.all([fetch(a.url, { headers: a.headers }), fetch(b.url, { headers: b.headers })]);
  if (x.status !== 200 || y.status !== 200) throw new Error(`Expected two 200s, got ${x.status} and ${y.status}`);
  if ((await x.text()) !== (await y.text())) throw new Error("The two routes returned different JSON; the comparison would be unfair");
}

function measure(target: Target, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration: seconds });
}

/** Revokes, then asks every 10 ms until the token is refused; the time from revocation to refusal. */
async function timeRevocation(target: Target, revoke: () => Promise<void>): Promise<number> {
  await revoke();
  const revokedAt = performance.now();
  for (;;) {
    const response = await fetch(target.url, { headers: target.headers });
    if (response.status === 401) return performance.now() - revokedAt;
    if (performance.now() - revokedAt > 5 * SECOND_MS) throw new Error("The revoked token still worked after 5 s");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const INGEST_ROUNDS = 3;
const INGEST_BATCHES = 120;
const INGEST_BATCH_SIZE = 500;
const INGEST_WORKERS = 4;
const INGEST_WARM_UP = 10;

type IngestRound = { readings: number; seconds: number; batchMs: number[]; serverCpuMs: number | null };
type IngestRounds = { api: IngestRound[]; bare: IngestRound[] };

/**
 * Posts rounds of batches of 500 new readings (three metrics, one a minute going back from now)
 * through the API, each round after the same bodies posted to the bare ingest route (the
 * framework's ceiling: app/api/bench/ingest). The bodies are made before each round, so that the
 * client's JSON work does not take a core from the server it measures.
 */
async function measureIngest(deviceId: string, token: string, serverPid: number, withBare: boolean): Promise<IngestRounds> {
  const api = { url: `${BASE}/api/v1/devices/${deviceId}/telemetry`, authorization: `Bearer ${token}` };
  const bare = { url: `${BASE}/api/bench/ingest`, authorization: "" };
  const end = Date.now() - MINUTE_MS;
  const metrics = ["temperature", "humidity", "setpoint"];
  const body = (n: number) =>
    JSON.stringify({
      readings: Array.from({ length: INGEST_BATCH_SIZE }, (_, i) => {
        const k = n * INGEST_BATCH_SIZE + i;
        return { metric: metrics[k % 3]!, time: end - Math.floor(k / 3) * MINUTE_MS, value: 20 + (k % 100) / 10 };
      }),
    });
  const post = async (target: typeof api, payload: string) => {
    const response = await fetch(target.url, { method: "POST", headers: { authorization: target.authorization, "content-type": "application/json" }, body: payload });
    if (response.status !== 201) throw new Error(`Ingest answered ${response.status}: ${await response.text()}`);
  };
  // Warm-up, at times older than every measured batch.
  for (let i = 0; i < INGEST_WARM_UP; i++) {
    const payload = body(INGEST_ROUNDS * INGEST_BATCHES + i);
    if (withBare) await post(bare, payload);
    await post(api, payload);
  }
  const rounds: IngestRounds = { api: [], bare: [] };
  for (let round = 0; round < INGEST_ROUNDS; round++) {
    const bodies = Array.from({ length: INGEST_BATCHES }, (_, i) => body(round * INGEST_BATCHES + i));
    for (const [name, target] of withBare ? ([["bare", bare], ["api", api]] as const) : ([["api", api]] as const)) {
      rounds[name].push(await postRound(bodies, (payload) => post(target, payload), serverPid));
    }
    const rate = (r: IngestRound[]) => (r.length === 0 ? "—" : (r.at(-1)!.readings / r.at(-1)!.seconds).toFixed(0));
    console.log(`ingest round ${round + 1}: bare ${rate(rounds.bare)}, API ${rate(rounds.api)} readings/s`);
  }
  return rounds;
}

/** Posts every body from INGEST_WORKERS concurrent clients; the time, each batch's, and the server's CPU. */
async function postRound(bodies: string[], post: (payload: string) => Promise<void>, serverPid: number): Promise<IngestRound> {
  const batchMs: number[] = [];
  let next = 0;
  const [started, cpuStarted] = [performance.now(), cpuMsOf(serverPid)];
  await Promise.all(
    Array.from({ length: INGEST_WORKERS }, async () => {
      while (next < bodies.length) {
        const payload = bodies[next++]!;
        const t = performance.now();
        await post(payload);
        batchMs.push(performance.now() - t);
      }
    }),
  );
  const cpuEnded = cpuMsOf(serverPid);
  const serverCpuMs = cpuStarted === null || cpuEnded === null ? null : cpuEnded - cpuStarted;
  return { readings: bodies.length * INGEST_BATCH_SIZE, seconds: (performance.now() - started) / SECOND_MS, batchMs, serverCpuMs };
}

/** CPU time (user + system) of a process and its children so far, from /proc; null where there is none. */
function cpuMsOf(pid: number): number | null {
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux architecture that Node supports
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    const own = ((Number(fields[11]) + Number(fields[12])) * SECOND_MS) / ticksPerSecond;
    return children.reduce((sum, child) => sum + (cpuMsOf(Number(child)) ?? 0), own);
  } catch {
    return null;
  }
}

function reportIngest({ api, bare }: IngestRounds) {
  const total = (rounds: IngestRound[]) => ({ readings: rounds.reduce((n, r) => n + r.readings, 0), seconds: rounds.reduce((n, r) => n + r.seconds, 0) });
  const [a, b] = [total(api), total(bare)];
  const [perSecond, barePerSecond] = [a.readings / a.seconds, b.readings / b.seconds];
  const each = (rounds: IngestRound[]) => rounds.map((r) => (r.readings / r.seconds).toFixed(0)).join(", ");
  const batchMs = api.flatMap((r) => r.batchMs);
  writeSection(
    "ingest",
    `## Telemetry ingest through the API

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.

| route | readings/s (all rounds) | each round | server CPU a batch |
|---|---|---|---|
| \`POST /api/bench/ingest\` (the framework's ceiling: reads the JSON, answers 201) | ${barePerSecond.toFixed(0)} | ${each(bare)} | ${serverCpu(bare)} |
| \`POST /api/v1/devices/{id}/telemetry\` (device token) | **${perSecond.toFixed(0)}** | ${each(api)} | ${serverCpu(api)} |

**${perSecond.toFixed(0)} readings/s** (issue 12's floor: at least 60,000; aim: 100,000), **${((perSecond / barePerSecond) * 100).toFixed(1)}%** of the bare route's
${barePerSecond.toFixed(0)} in the same run: ${a.readings.toLocaleString("en")} readings in ${a.seconds.toFixed(2)} s, as ${INGEST_ROUNDS} rounds of ${INGEST_BATCHES} batches of ${INGEST_BATCH_SIZE};
a batch took ${percentile(batchMs, 50).toFixed(0)} ms at p50 and ${percentile(batchMs, 95).toFixed(0)} ms at p95.

Method: on the same \`next start\` (after the read benchmark when both run), a device token posts batches of ${INGEST_BATCH_SIZE} new readings
(three metrics at minute resolution, as the demo's devices report; about 2.8 hours a batch) to \`POST /api/v1/devices/{id}/telemetry\` from ${INGEST_WORKERS} concurrent clients,
after ${INGEST_WARM_UP} warm-up batches; the request bodies are made before each round, so that the client's JSON work does not compete with the server for the machine's cores.
Each batch is authenticated, rate-limited, validated, written in one transaction and its hourly and daily
rollups recomputed before the 201. Each round first posts the same bodies to the bare route, which exists only in the benchmark's build:
what Next (and the proxy in front of every route) costs for such a body before any of Gatehouse's work. The server's CPU comes from /proc.`,
  );
  recordFigures({ "Ingest: readings/s through the API (share of the bare route)": `${perSecond.toFixed(0)} (${((perSecond / barePerSecond) * 100).toFixed(1)}%)` });
  console.log(`ingest: ${perSecond.toFixed(0)} readings/s, ${((perSecond / barePerSecond) * 100).toFixed(1)}% of the bare route's ${barePerSecond.toFixed(0)}`);
}

/** The server's CPU time a batch: what other work on a shared machine disturbs least. */
function serverCpu(rounds: IngestRound[]): string {
  if (rounds.some((r) => r.serverCpuMs === null)) return "—";
  return `${mean(rounds.map((r) => r.serverCpuMs! / INGEST_BATCHES)).toFixed(1)} ms`;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function report(rates: { bare: number[]; authed: number[]; bareP99: number[]; authedP99: number[] }, revocationMs: number) {
  const bare = mean(rates.bare);
  const authed = mean(rates.authed);
  const ratio = authed / bare;
  const table = [
    "| route | requests/s (mean of rounds) | each round | p99 latency |",
    "|---|---|---|---|",
    `| \`GET /api/bench/devices\` (no token check) | ${bare.toFixed(0)} | ${rates.bare.map((r) => r.toFixed(0)).join(", ")} | ${mean(rates.bareP99).toFixed(1)} ms |`,
    `| \`GET /api/v1/devices\` (bearer token) | ${authed.toFixed(0)} | ${rates.authed.map((r) => r.toFixed(0)).join(", ")} | ${mean(rates.authedP99).toFixed(1)} ms |`,
  ].join("\n");
  writeSection(
    "api",
    `## Device API: authentication overhead

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.

${table}

**Ratio: ${(ratio * 100).toFixed(1)}%** of the bare route's throughput (aim: at least 80%).
**Revocation took effect after ${revocationMs.toFixed(0)} ms** (aim: within one second). The benchmark revokes
from its own process, as another instance would, and polls every 10 ms until the server refuses the
token. The server remembers a good verification for up to 5 minutes (\`lib/access/verified-cache.ts\`), but reads
the security epoch, which the revocation moves, at most once a second and forgets everything when it moved: so
this is bounded by one second plus one poll, with no database read on a request's path in between.

Method: \`npm run bench\` seeds ${freshStore()} (25 devices), runs \`next start\` on a build of
its own, the only one with the benchmark-only route (\`GATEHOUSE_BUILD_BENCH=1\`), with rate limits
raised out of the way, checks that both routes return
byte-identical JSON (the admin's 25 devices), warms each up for 2 s, then alternates ${ROUNDS} rounds of
${SECONDS} s per route with autocannon (${CONNECTIONS} connections) on the same machine. The authenticated path
checks format and checksum, hashes the token and finds it in the verification cache (or looks it up),
counts the per-IP and per-token rate limits in memory (shared with other instances through the database once a
second, \`lib/rate-limit.ts\`), checks the scope, runs the same owner-filtered query, and counts the request for
usage analytics (in memory, flushed every 5 s; refused tokens and scope denials would go to the audit summaries the
same way). None of it adds a database read or write to a request (the run before issue 11 measured 92.9%). Absolute figures are low on this machine: \`next start\` itself
costs about 5 ms a request here (\`/api/v1/openapi.json\`, which touches no database, serves about 200/s
on one connection), which is why only the ratio is compared.`,
  );
  recordFigures({
    "API: `GET /api/v1/devices` with a token, share of the bare route": `${(ratio * 100).toFixed(1)}%`,
    "API: revocation seen by the server after": `${revocationMs.toFixed(0)} ms`,
  });
  console.log(`\nratio ${(ratio * 100).toFixed(1)}%, revocation ${revocationMs.toFixed(0)} ms; written to BENCHMARKS.md`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
