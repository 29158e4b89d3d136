// `npx tsx bench/lighthouse.ts` (and `npm run bench`): Lighthouse's desktop preset, signed in as the
// demo admin, on the homepage, a device page, the token page and the API docs, against a production
// build on the demo seed. Writes the scores to BENCHMARKS.md and exits non-zero when a page misses
// issue 14's targets (accessibility and best practices ≥ 95, performance ≥ 90), naming the audits
// that cost it. `--runs N` runs each page N times (default 3) and reports the median.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { launch, type LaunchedChrome } from "chrome-launcher";
import playwrightConfig from "../playwright.config";
import { bin } from "@/lib/cli/run";
import { DEMO_DEVICES } from "@/prisma/seed-data";
import { SECOND_MS } from "@/lib/time";
import { auditsBehind, CATEGORIES, CATEGORY_NAME, medianScores, missesOf, pageRun, scoreCell, TARGETS, type LighthouseResult, type Miss, type PageRun, type Scores } from "./lighthouse-scores";
import { freshStore } from "./engine";
import { machine, writeSection } from "./report";
import { buildOnce, freshDatabase, startServer, UNLIMITED_RATES } from "./server";
import { cookieHeader, signIn, type Cookie } from "./sign-in";

const PORT = 3350;
const DIST_DIR = ".next-bench-lighthouse";
/** Each run's full result (.data/ is git-ignored; the folder is emptied by freshDatabase at the start). */
const KEPT_DIR = path.join(".data", "bench-lighthouse");
/** The demo's month of readings, so that the device page's charts draw what a person would see. */
const DAYS = 30;

const PAGES = [
  { name: "homepage", path: "/" },
  { name: "a device page", path: `/devices/${DEMO_DEVICES[0]!.id}` },
  { name: "tokens", path: "/settings/tokens" },
  { name: "API docs", path: "/docs/api" },
];

/** As the results report it. */
let lighthouseVersion = "(not run)";

type Measured = { name: string; path: string; runs: PageRun[]; scores: Scores; misses: Miss[]; status: number };

function runsWanted(): number {
  const at = process.argv.indexOf("--runs");
  const runs = at < 0 ? 3 : Number(process.argv[at + 1]);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error("--runs takes a whole number from 1 to 20");
  return runs;
}

/** Debian's Chromium with the e2e suite's flags (no downloads, no outside lookups), in new headless mode. */
function launchChromium(): Promise<LaunchedChrome> {
  const args = playwrightConfig.use?.launchOptions?.args ?? [];
  // As root, Chromium runs only without its sandbox (Playwright adds the flag itself for the e2e suite).
  const sandbox = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  return launch({
    chromePath: process.env.CHROME_PATH ?? playwrightConfig.use?.launchOptions?.executablePath ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", ...sandbox, ...args],
    logLevel: "silent",
  });
}

/**
 * One Lighthouse run of url in the Chromium on `port`, through Lighthouse's own CLI in plain Node:
 * under tsx, Lighthouse's node API sends functions that esbuild has wrapped in its `__name` helper
 * into the page, where no such helper exists ("__name is not defined"). The session cookie goes in
 * a file of the run's own (a command line is visible to every local user).
 */
function runLighthouse(port: number, url: string, headersFile: string, workDir: string): LighthouseResult & { lighthouseVersion: string } {
  const output = path.join(workDir, "result.json");
  const args = [url, `--port=${port}`, "--preset=desktop", "--output=json", `--output-path=${output}`, `--extra-headers=${headersFile}`, "--quiet"];
  const { status, stderr } = spawnSync(bin("lighthouse"), args, { encoding: "utf8" });
  if (status !== 0) throw new Error(`lighthouse ${url} failed with exit code ${status}: ${stderr}`);
  const result = JSON.parse(fs.readFileSync(output, "utf8")) as LighthouseResult & { lighthouseVersion: string; configSettings?: { extraHeaders?: unknown } };
  // Kept for a closer look (which scripts cost the main thread its time), without the session cookie.
  delete result.configSettings?.extraHeaders;
  fs.writeFileSync(path.join(KEPT_DIR, `${new URL(url).pathname.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "home"}-${Date.now()}.json`), JSON.stringify(result));
  return result;
}

/**
 * The page's status, on a connection of its own: fetch would reuse a keep-alive connection from the
 * previous check, which the server closes after a few idle seconds while Lighthouse runs, and the
 * request then fails with "other side closed".
 */
function statusOf(url: string, cookies: Cookie[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { cookie: cookieHeader(cookies) } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
  });
}

async function measure(chrome: LaunchedChrome, base: string, cookies: Cookie[], page: (typeof PAGES)[number], runs: number): Promise<Measured> {
  const url = `${base}${page.path}`;
  // A page that is not there (or sends the admin to /login) is reported as such, not scored.
  const status = await statusOf(url, cookies);
  const results: PageRun[] = [];
  if (status === 200) {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-lighthouse-"));
    const headersFile = path.join(workDir, "headers.json");
    fs.writeFileSync(headersFile, JSON.stringify({ Cookie: cookieHeader(cookies) }), { mode: 0o600 });
    try {
      for (let run = 0; run < runs; run++) {
        const lhr = runLighthouse(chrome.port, url, headersFile, workDir);
        lighthouseVersion = lhr.lighthouseVersion;
        results.push(pageRun(lhr, url));
        const scores = results.at(-1)!.scores;
        console.log(`  ${page.path} run ${run + 1}: ${CATEGORIES.map((c) => `${CATEGORY_NAME[c]} ${scores[c] ?? "—"}`).join(", ")}${results.at(-1)!.error ? ` (${results.at(-1)!.error})` : ""}`);
      }
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  } else {
    results.push({ scores: Object.fromEntries(CATEGORIES.map((c) => [c, null])) as Scores, failing: [], error: `GET ${page.path} answered ${status}` });
    console.log(`  ${page.path}: answered ${status}, not scored`);
  }
  const scores = medianScores(results);
  return { ...page, runs: results, scores, misses: missesOf(scores), status };
}

async function main() {
  const runs = runsWanted();
  const url = await freshDatabase("bench-lighthouse");
  const { seed } = await import("@/prisma/seed");
  const seeding = performance.now();
  console.log(`seeding the demo: ${DEMO_DEVICES.length} devices, ${DAYS} days of minute readings…`);
  const { passwords } = await seed({ url, days: DAYS });
  // Kept in memory only: the seed made it for this run's throwaway database.
  const admin = passwords.find((entry) => entry.role === "ADMIN");
  if (!admin) throw new Error("The seed made no admin password");
  console.log(`seeded in ${((performance.now() - seeding) / SECOND_MS).toFixed(1)} s; building…`);
  const buildSeconds = buildOnce(DIST_DIR);

  const server = await startServer(PORT, DIST_DIR, UNLIMITED_RATES);
  const measured: Measured[] = [];
  const load = [os.loadavg()[0]!, 0];
  try {
    const cookies = await signIn(server.base, admin.email, admin.password);
    const chrome = await launchChromium();
    try {
      for (const page of PAGES) measured.push(await measure(chrome, server.base, cookies, page, runs));
    } finally {
      chrome.kill();
    }
  } finally {
    server.stop();
    await server.exited;
  }
  load[1] = os.loadavg()[0]!;
  report(measured, runs, buildSeconds, load as [number, number]);
  if (measured.some((page) => page.misses.length > 0)) process.exit(1);
}

function report(measured: Measured[], runs: number, buildSeconds: number, load: [number, number]) {
  const rows = measured.map((page) => `| ${page.name} (\`${page.path}\`) | ${CATEGORIES.map((c) => scoreCell(page.scores, c)).join(" | ")} | ${performanceRuns(page)} |`);
  const misses = measured.filter((page) => page.misses.length > 0);
  const targets = Object.entries(TARGETS).map(([c, target]) => `${CATEGORY_NAME[c as keyof typeof CATEGORY_NAME]} ≥ ${target}`).join(", ");
  const built = buildSeconds > 0 ? `built for production in ${buildSeconds.toFixed(0)} s` : "its production build was current";
  const verdict = misses.length === 0 ? `**Every page meets the targets** (${targets}).` : `**${misses.length} of ${measured.length} pages miss a target** (${targets}):\n\n${misses.map(describeMiss).join("\n")}`;
  writeSection(
    "lighthouse",
    `## Lighthouse: signed-in pages on the desktop preset

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, Lighthouse ${lighthouseVersion} in Debian's Chromium;
${built}. The machine's 1-minute load average was ${load[0].toFixed(1)} before and ${load[1].toFixed(1)} after (${os.cpus().length} CPUs).
Each score is the median of ${runs} run${runs === 1 ? "" : "s"}; the last column gives every run's performance score.

| page | performance | accessibility | best practices | SEO (info) | performance, each run |
|---|---|---|---|---|---|
${rows.join("\n")}

${verdict}

Method: \`bench/lighthouse.ts\` seeds ${freshStore()} with the demo (${DEMO_DEVICES.length} devices, ${DAYS} days of minute readings),
builds into \`${DIST_DIR}\` (skipped when its sources have not changed), runs \`next start\` on port ${PORT}, and signs in as
the demo admin through next-auth's CSRF and credentials endpoints. Lighthouse then runs each page with the
desktop preset (\`--preset=desktop\`, i.e. \`lighthouse/core/config/desktop-config.js\`: simulated throttling of a fast
connection, no CPU slowdown) in Chromium launched by chrome-launcher with \`--headless=new\` and the e2e suite's flags,
the session cookie sent as an extra header; Lighthouse empties the cache before each run. It runs as Lighthouse's CLI
in plain Node, one process a run: under tsx its node API fails (esbuild's \`__name\` helper ends up in the page). A run that ends on another URL (the sign-in page) or on an
error page scores nothing, so it cannot pass. SEO is recorded for information: these pages are behind a sign-in.
The script exits non-zero when a page misses a target.`,
  );
  for (const page of measured) {
    console.log(`${page.path}: ${CATEGORIES.map((c) => `${CATEGORY_NAME[c]} ${page.scores[c] ?? "—"}`).join(", ")}`);
    // Every weighted audit short of a pass, in any category: a score that meets its target may still have some.
    for (const audit of auditsBehind(page.runs, missesOf(ALL_MISSED))) console.log(`  ${CATEGORY_NAME[audit.category]}: ${audit.id} (${audit.score}) ${audit.title} ${audit.displayValue ?? ""}`);
  }
  console.log(misses.length === 0 ? "Every page meets the targets; written to BENCHMARKS.md" : `${misses.length} page(s) miss a target; written to BENCHMARKS.md`);
}

/** Every category counted as missed, to list all the audits that cost points. */
const ALL_MISSED: Scores = { performance: null, accessibility: null, "best-practices": null, seo: null };

function performanceRuns(page: Measured): string {
  return page.runs.map((run) => run.scores.performance ?? "—").join(", ");
}

function describeMiss(page: Measured): string {
  const error = page.runs.find((run) => run.error)?.error;
  const audits = auditsBehind(page.runs, page.misses)
    .map((audit) => `\`${audit.id}\` (${CATEGORY_NAME[audit.category]}, score ${audit.score}${audit.displayValue ? `, ${audit.displayValue}` : ""})`)
    .join("; ");
  const missed = page.misses.map((miss) => `${CATEGORY_NAME[miss.category]} ${miss.score ?? "—"}`).join(", ");
  return `- ${page.name} (\`${page.path}\`): ${missed}${error ? `. ${error}` : ""}${audits ? `. Audits behind it: ${audits}` : ""}.`;
}


main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
