// `npm run bench`: the hot path against the framework's own ceilings, in one run against `next start`
// (issue 12). Each API route's requests/s is given as a share of a bare route that returns 25
// devices as constant JSON, and the homepage's as a share of a bare page that renders 25 tiles from
// constants; both baselines exist only in this benchmark's build (GATEHOUSE_BUILD_BENCH=1). Then a
// CPU profile of the server per route, summarised by bench/profile.ts. Writes both to BENCHMARKS.md.
// `--profile-only` skips the throughput part; `--no-profile` skips the profile.
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { summariseProfile, printSummary, type ProfileSummary } from "./profile";
import { freshStore } from "./engine";
import { machine, recordFigures, writeSection } from "./report";
import { buildOnce, freshDatabase, startServer, UNLIMITED_RATES } from "./server";
import { cookieHeader, signIn } from "./sign-in";

const PORT = 3450;
const DIST_DIR = ".next-bench-hotpath";
const BASE = `http://localhost:${PORT}`;
const CONNECTIONS = 16;
const WARM_UP_SECONDS = 2;
/** `--rounds=N`, `--seconds=N` and `--only=URL,URL` (the baselines stay) shorten a run while working on a route. */
const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const ROUNDS = Number(option("rounds") ?? 3);
const SECONDS = Number(option("seconds") ?? 8);
const ONLY = option("only")?.split(",");
/** The profiled routes: the two baselines, so that the framework's own cost per request is beside each. */
const PROFILED = option("profile")?.split(",") ?? ["/api/bench/static", "/api/v1/me", "/api/v1/devices?limit=25", "/bench/tiles", "/"];
const PROFILE_SECONDS = 10;
const PROFILE_DIR = path.join(process.cwd(), ".data", "bench-hotpath", "profiles");

type Target = { name: string; url: string; headers: Record<string, string>; baseline?: string; floor?: number; aim?: number };

async function main() {
  const url = await freshDatabase("bench-hotpath");
  const { seed } = await import("@/prisma/seed");
  const { passwords } = await seed({ url, days: 1 });
  const admin = passwords.find((entry) => entry.role === "ADMIN");
  if (!admin) throw new Error("The seed made no admin password");
  buildOnce(DIST_DIR, { GATEHOUSE_BUILD_BENCH: "1" });

  const { db } = await import("@/lib/db");
  const { issueToken } = await import("@/lib/tokens/lifecycle");
  const user = await db.user.findUniqueOrThrow({ where: { email: admin.email }, select: { id: true } });
  const { token } = await issueToken("system", { userId: user.id, kind: "PERSONAL", name: "bench hotpath", scopes: ["devices:read", "telemetry:read"] });
  const bearer = { authorization: `Bearer ${token}` };

  const server = await startServer(PORT, DIST_DIR, UNLIMITED_RATES);
  let targets: Target[];
  try {
    const session = { cookie: cookieHeader(await signIn(BASE, admin.email, admin.password)) };
    targets = [
      { name: "bare route: 25 devices as constant JSON", url: "/api/bench/static", headers: {} },
      { name: "`GET /api/v1/openapi.json`", url: "/api/v1/openapi.json", headers: {}, baseline: "/api/bench/static", floor: 0.85, aim: 0.95 },
      { name: "`GET /api/v1/me`, token", url: "/api/v1/me", headers: bearer, baseline: "/api/bench/static", floor: 0.7, aim: 0.85 },
      { name: "`GET /api/v1/devices?limit=25`, token", url: "/api/v1/devices?limit=25", headers: bearer, baseline: "/api/bench/static", floor: 0.5, aim: 0.7 },
      { name: "`GET /api/v1/overview?limit=25`, token", url: "/api/v1/overview?limit=25", headers: bearer, baseline: "/api/bench/static" },
      { name: "bare page: 25 tiles from constants", url: "/bench/tiles", headers: {} },
      { name: "`GET /` signed in, 25 devices", url: "/", headers: session, baseline: "/bench/tiles", floor: 0.5, aim: 0.7 },
    ];
    if (ONLY) targets = targets.filter((t) => !t.baseline || ONLY.includes(t.url));
    await checkTargets(targets);
    if (!process.argv.includes("--profile-only")) {
      const rates = await measureAll(targets);
      await checkTargets(targets);
      reportThroughput(targets, rates);
    }
  } finally {
    server.stop();
    await server.exited;
  }
  if (!process.argv.includes("--no-profile")) reportProfiles(await profileRoutes(targets.filter((t) => PROFILED.includes(t.url)), admin));
}

/** Each route must answer 200 with what it is meant to, or a fast error would pass for throughput. */
async function checkTargets(targets: Target[]) {
  for (const target of targets) {
    const response = await fetch(`${BASE}${target.url}`, { headers: target.headers, redirect: "manual" });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${target.url} answered ${response.status}`);
    if (["/api/bench/static", "/api/v1/devices?limit=25"].includes(target.url) && (JSON.parse(body) as { data: unknown[] }).data.length !== 25) throw new Error(`${target.url} did not list 25 devices`);
    // Over the dashboard's page-load limit, the homepage shows what it read earlier (or nothing): a cheap page.
    if ((target.url === "/" || target.url === "/bench/tiles") && (!body.includes('data-testid="device-card"') || body.includes("Too many page loads"))) throw new Error(`${target.url} rendered no device tiles: ${body.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 400)}`);
  }
}

function measure(target: Target, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: `${BASE}${target.url}`, headers: target.headers, connections: CONNECTIONS, duration: seconds });
}

/** Warms each route up, then runs the rounds interleaved, so that drift on the machine hits all alike. */
async function measureAll(targets: Target[]): Promise<Map<string, number[]>> {
  for (const target of targets) await measure(target, WARM_UP_SECONDS);
  const rates = new Map<string, number[]>(targets.map((t) => [t.url, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const result = await measure(target, SECONDS);
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${target.url}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
      rates.get(target.url)!.push(result.requests.average);
      console.log(`round ${round + 1}: ${target.url} ${result.requests.average.toFixed(0)} req/s`);
    }
  }
  return rates;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function reportThroughput(targets: Target[], rates: Map<string, number[]>) {
  const rows = targets.map((target) => {
    const own = rates.get(target.url)!;
    const share = target.baseline ? mean(own) / mean(rates.get(target.baseline)!) : null;
    const bound = (x: number | undefined) => (x === undefined ? "—" : `≥ ${x.toFixed(2)}`);
    return `| ${target.name} | ${mean(own).toFixed(0)} | ${own.map((r) => r.toFixed(0)).join(", ")} | ${share === null ? "(baseline)" : share.toFixed(2)} | ${bound(target.floor)} | ${bound(target.aim)} |`;
  });
  writeSection(
    "hotpath",
    `## Hot path against the framework's ceilings

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.

| figure | requests/s (mean) | each round | share of its bare baseline | issue 12 floor | aim |
|---|---|---|---|---|---|
${rows.join("\n")}

API routes are a share of the bare route; the homepage is a share of the bare page.

Method: \`bench/hotpath.ts\` seeds ${freshStore()} with the demo seed (one day of readings; the admin sees 25 devices),
issues the admin a personal token with \`devices:read telemetry:read\`, signs the admin in as a browser would, and runs
\`next start\` on the benchmark's own build (\`GATEHOUSE_BUILD_BENCH=1\`, the only one with the two baselines), with rate
limits (per token, per IP and the dashboard's page loads) raised out of the way. The bare route (\`app/api/bench/static/route.bench.ts\`) answers the same shape as
\`GET /api/v1/devices?limit=25\` from a string made once at module load; the bare page (\`app/bench/tiles/page.bench.tsx\`)
is rendered per request with the homepage's own tile components and 25 tiles (2–3 sparklines each) made from constants:
neither touches the database, a session or a token. Every route is checked to answer 200 with its devices first; then each
is warmed up for ${WARM_UP_SECONDS} s and measured in ${ROUNDS} interleaved rounds of ${SECONDS} s with autocannon at ${CONNECTIONS} connections on the same machine
(any non-2xx answer fails the run, and so does a homepage over its page-load limit when checked again after the rounds).`,
  );
  const shares = targets.filter((t) => t.baseline && t.floor !== undefined);
  recordFigures(
    Object.fromEntries(
      shares.map((t) => [`Hot path: ${t.name}, share of its bare baseline`, (mean(rates.get(t.url)!) / mean(rates.get(t.baseline!)!)).toFixed(2)]),
    ),
  );
}

/**
 * Runs a server under `node --cpu-prof` for each route, drives it with autocannon for
 * PROFILE_SECONDS, stops it (SIGTERM: next start exits, and Node writes the profile) and summarises.
 */
async function profileRoutes(targets: Target[], admin: { email: string; password: string }): Promise<Profiled[]> {
  const results = [];
  for (const target of targets) {
    const dir = path.join(PROFILE_DIR, target.url === "/" ? "homepage" : target.url.replace(/^\/(api\/v1\/)?/, "").replace(/\?.*$/, "").replace(/\W+/g, "-"));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const server = await startServer(PORT, DIST_DIR, UNLIMITED_RATES, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    let requests = 0;
    let span = { fromUs: 0, toUs: 0 };
    try {
      // A fresh session for the homepage: the one from before the throughput rounds may have been refused by then.
      if (target.url === "/") target.headers = { cookie: cookieHeader(await signIn(BASE, admin.email, admin.password)) };
      await checkTargets([target]);
      await measure(target, WARM_UP_SECONDS);
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      requests = (await measure(target, PROFILE_SECONDS)).requests.total;
      span = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    } finally {
      server.stop();
      await server.exited;
    }
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
    // The server is the process that did the work: the largest profile (a launcher's would be tiny).
    const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    if (!file) throw new Error(`No CPU profile was written for ${target.url}`);
    const summary = summariseProfile(file, span);
    console.log(`\nprofile of ${target.url} (${requests} requests, ${file}):`);
    printSummary(summary);
    results.push({ target, summary, requests });
  }
  return results;
}

type Profiled = { target: Target; summary: ProfileSummary; requests: number };

function reportProfiles(profiles: Profiled[]) {
  const names = [...new Set(profiles.flatMap((p) => p.summary.buckets.map((b) => b.name)))];
  const cell = (p: Profiled, name: string) => {
    const bucket = p.summary.buckets.find((b) => b.name === name);
    return bucket ? `${(bucket.share * 100).toFixed(1)}% (${((bucket.ms / p.requests) * 1000).toFixed(0)} µs)` : "—";
  };
  const order = (name: string) => -Math.max(...profiles.map((p) => p.summary.buckets.find((b) => b.name === name)?.share ?? 0));
  const buckets = [
    `| part | ${profiles.map((p) => p.target.name).join(" | ")} |`,
    `|---|${profiles.map(() => "---").join("|")}|`,
    `| CPU a request | ${profiles.map((p) => `${((p.summary.busyMs / p.requests) * 1000).toFixed(0)} µs (${p.requests} requests)`).join(" | ")} |`,
    ...names.sort((a, b) => order(a) - order(b)).map((name) => `| ${name} | ${profiles.map((p) => cell(p, name)).join(" | ")} |`),
  ].join("\n");
  const tops = profiles.map(
    (p) => `Top ${p.summary.functions.length} functions by self time, ${p.target.name}:\n\n${p.summary.functions.map((f, i) => `${i + 1}. ${(f.share * 100).toFixed(1)}% \`${f.name.replace(/`/g, "'")}\``).join("\n")}`,
  );
  writeSection(
    "hotpath-profile",
    `## Hot path profile

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}. Share of the server's busy CPU time (idle left out), and that time per request.

${buckets}

${tops.join("\n\n")}

Method: \`bench/hotpath.ts\` starts \`next start\` of the benchmark's build once per route under \`node --cpu-prof\`
(the server's CPU sampled every 1 ms), warms the route up for ${WARM_UP_SECONDS} s, drives it with autocannon at ${CONNECTIONS} connections for ${PROFILE_SECONDS} s, stops the server
with SIGTERM (Next exits, and Node writes the profile) and summarises the samples of those ${PROFILE_SECONDS} s (start-up and warm-up left out) with \`bench/profile.ts\`: each sample's
function is mapped through the build's source maps to its source file, and its self time is added to the part that file
belongs to (a native frame or Node's own code, such as a better-sqlite3 statement, a hash digest or a socket write, to the
nearest caller in another part; JSON's builtins to JSON). "CPU a request" is the busy time over the requests served. The profiles stay in \`.data/bench-hotpath/profiles/\` (not in git); \`npx tsx bench/profile.ts FILE\` prints one.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
