// Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and says where the time went: the top
// functions by self time and the share of each part of the hot path. Positions in bundled files
// are mapped back to their sources through the build's source maps, so that time in a server
// chunk is told apart as lib/tokens, lib/usage, Prisma or Next. `tsx bench/profile.ts FILE` prints it.
import fs from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

export type Cost = { name: string; ms: number; share: number };
export type ProfileSummary = { busyMs: number; idleMs: number; functions: Cost[]; buckets: Cost[] };

const OTHER = "other (V8, native, unattributed)";
const NODE = "Node.js internals (http, streams, crypto)";
/** Parts that only serve a caller: their time is charged to the nearest caller in another part. */
const SERVING = new Set<string | null>([NODE, null]);

/** The parts of the hot path, by where the code came from; the first rule that matches wins. */
const BUCKETS: [string, (source: string, fn: string) => boolean][] = [
  ["JSON (parse, stringify)", (source, fn) => source === "" && /^(stringify|parse|JSON\.\w+)$/.test(fn)],
  ["token verification (lib/tokens, lib/access)", (source) => /\/lib\/(tokens|access)\//.test(source)],
  ["rate limiting (lib/rate-limit)", (source) => source.includes("/lib/rate-limit")],
  ["usage counting (lib/usage)", (source) => source.includes("/lib/usage/")],
  ["audit (lib/audit)", (source) => source.includes("/lib/audit/")],
  ["session check (next-auth, lib/auth)", (source) => /next-auth|jose|\/lib\/auth\//.test(source)],
  ["SQLite reads on the driver (lib/db-read: the statements themselves)", (source) => source.includes("/lib/db-read")],
  ["better-sqlite3 (driver and its adapter)", (source) => /better-sqlite3/.test(source)],
  ["Prisma (client, query compiler)", (source) => /@prisma|prisma[-_]client|query_compiler|lib\/generated\/prisma|^wasm:/.test(source)],
  ["React rendering (react-dom/server, RSC)", (source) => /react-dom|react-server|\/react\/|scheduler/.test(source)],
  // Next's own sources map to paths such as ../../src/server/lib/…, which the app's rule below would take for lib/.
  ["Next routing and handler plumbing", (source) => /\bnext\b|\/next\/|webpack:\/\/next|(^|\/)src\/(server|shared|client|lib|build|export)\//.test(source)],
  ["API layer (lib/api: router, handler wrapper, problems)", (source) => source.includes("/lib/api/")],
  ["app code (other lib/, app/, components/)", (source) => /\/(lib|app|components)\//.test(source)],
  [NODE, (source) => source.startsWith("node:")],
  ["garbage collection", (_source, fn) => fn === "(garbage collector)"],
];

const maps = new Map<string, SourceMap | null>();

/** The source map of a bundled file, from FILE.map or its sourceMappingURL; null where there is none. */
function mapOf(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!;
  let map: SourceMap | null = null;
  try {
    const file = url.startsWith("file:") ? fileURLToPath(url) : url;
    if (file.startsWith("/")) {
      const linked = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(file, "utf8").slice(-500))?.[1];
      const mapFile = fs.existsSync(`${file}.map`) ? `${file}.map` : linked && !linked.startsWith("data:") ? new URL(linked, `file://${file}`).pathname : null;
      if (mapFile) map = new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8")));
    }
  } catch {
    map = null;
  }
  maps.set(url, map);
  return map;
}

/** The original source and function of a frame: through the source map where there is one. */
function resolve(frame: CallFrame): { source: string; fn: string } {
  const fn = frame.functionName || "(anonymous)";
  const entry = frame.url ? mapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
  const source = entry && "originalSource" in entry && entry.originalSource ? String(entry.originalSource) : frame.url;
  const name = entry && "name" in entry && entry.name ? String(entry.name) : fn;
  return { source: source.replace(/^file:\/\//, "").replace(process.cwd(), ""), fn: frame.functionName ? fn : name };
}

function bucketOf(source: string, fn: string): string | null {
  return BUCKETS.find(([, matches]) => matches(source, fn))?.[0] ?? null;
}

/**
 * Summarises the samples taken within window (µs on the monotonic clock, which V8's profile and
 * process.hrtime share on Linux), so that start-up and warm-up are left out; all of them without one.
 */
export function summariseProfile(file: string, window?: { fromUs: number; toUs: number }, top = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  let inWindow = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    inWindow++;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  if (inWindow === 0) throw new Error(`No samples of ${file} fall in the window given`);

  // Native frames (no URL: a C++ binding, a builtin) and Node's own modules count to the nearest
  // caller in another part, so that better-sqlite3's statement, the token hash's digest or Next's
  // socket writes are charged to whoever asked for them; Node's time with no such caller stays Node's.
  const bucketCache = new Map<number, string | null>();
  const callerBucket = (id: number): string | null => {
    if (bucketCache.has(id)) return bucketCache.get(id)!;
    const { source, fn } = resolve(byId.get(id)!.callFrame);
    const own = bucketOf(source, fn);
    const parent = parentOf.get(id);
    const bucket = !SERVING.has(own) ? own : parent === undefined ? null : callerBucket(parent);
    bucketCache.set(id, bucket);
    return bucket;
  };
  const bucketOfNode = (id: number): string => {
    const { source, fn } = resolve(byId.get(id)!.callFrame);
    const own = bucketOf(source, fn);
    if (!SERVING.has(own)) return own!;
    return callerBucket(id) ?? own ?? OTHER;
  };

  let idleMs = 0;
  const functions = new Map<string, number>();
  const buckets = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") {
      idleMs += ms;
      continue;
    }
    const { source, fn } = resolve(node.callFrame);
    const where = source ? `${source.replace(/^.*node_modules\//, "")}:${node.callFrame.lineNumber + 1}` : "native";
    const key = `${fn} (${where})`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
    const bucket = bucketOfNode(id);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
  }
  const busyMs = [...buckets.values()].reduce((sum, ms) => sum + ms, 0);
  const costs = (entries: Map<string, number>) =>
    [...entries].map(([name, ms]) => ({ name, ms, share: ms / busyMs })).sort((a, b) => b.ms - a.ms);
  return { busyMs, idleMs, functions: costs(functions).slice(0, top), buckets: costs(buckets) };
}

export function printSummary(summary: ProfileSummary): void {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(6);
  console.log(`busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms\n\nparts of the hot path (share of busy time):`);
  for (const bucket of summary.buckets) console.log(`${pct(bucket.share)}  ${bucket.name}`);
  console.log(`\ntop ${summary.functions.length} functions by self time:`);
  for (const fn of summary.functions) console.log(`${pct(fn.share)}  ${fn.name}`);
}

if (process.argv[1]?.endsWith("profile.ts")) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: tsx bench/profile.ts FILE.cpuprofile");
    process.exit(2);
  }
  printSummary(summariseProfile(file));
}
