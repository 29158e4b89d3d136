// What a benchmark against the app needs: a fresh database with fresh secrets, a production build
// that is redone only when its sources change, and `next start` on a port of its own.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { buildIsCurrent, markBuilt, sourceFingerprint } from "@/lib/cli/build-cache";
import { bin, migrate, run, start } from "@/lib/cli/run";
import { recreatePostgresDatabase } from "@/lib/postgres/recreate";
import { SECOND_MS } from "@/lib/time";
import { benchPostgresUrl, ENGINE } from "./engine";

/** Rate limits raised out of the way: a benchmark measures the work, not the 429s. */
export const UNLIMITED_RATES = { API_RATE_LIMIT_PER_TOKEN: "1000000000", API_RATE_LIMIT_PER_IP: "1000000000", API_RATE_LIMIT_PER_DASHBOARD: "1000000000" };

function randomSecret(): string {
  return crypto.randomBytes(32).toString("base64");
}

/**
 * Empties .data/<folder>, points DATABASE_URL at a new database (a SQLite file in that folder, or
 * under `--postgres` a PostgreSQL database named after it, dropped first), sets fresh secrets in this
 * process's environment (children inherit them), and applies the migrations. Returns the URL.
 */
export async function freshDatabase(folder: string): Promise<string> {
  const dir = path.join(process.cwd(), ".data", folder);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const url = ENGINE === "postgres" ? await freshPostgresDatabase(`gatehouse_${folder.replaceAll("-", "_")}`) : `file:${path.join(dir, "bench.db")}`;
  Object.assign(process.env, {
    DATABASE_URL: url,
    NEXTAUTH_SECRET: randomSecret(),
    TOKEN_PEPPER: randomSecret(),
    TOKEN_ENCRYPTION_KEY: randomSecret(),
    NEXT_TELEMETRY_DISABLED: "1",
  });
  migrate();
  return url;
}

async function freshPostgresDatabase(name: string): Promise<string> {
  const server = benchPostgresUrl();
  if (!server) throw new Error("--postgres needs BENCH_POSTGRES_URL or TEST_POSTGRES_URL (.ci/postgres start DIR PORT prints one)");
  const url = new URL(server);
  url.pathname = `/${name}`;
  await recreatePostgresDatabase(url.toString());
  return url.toString();
}

/**
 * Builds for production into distDir, with the build-time switches in flags, unless that build is
 * current; returns the seconds it took (0 if skipped).
 */
export function buildOnce(distDir: string, flags: Record<string, string> = {}): number {
  const env = { ...process.env, ...flags };
  const fingerprint = sourceFingerprint(process.cwd(), env);
  if (buildIsCurrent(distDir, fingerprint)) return 0;
  const started = performance.now();
  withTsconfigKept(distDir, () => run("next", ["build"], { env: { ...env, NODE_ENV: "production", NEXT_DIST_DIR: distDir }, quiet: true }));
  markBuilt(distDir, fingerprint);
  return (performance.now() - started) / SECOND_MS;
}

/**
 * `next build` adds its dist folder's type globs to tsconfig.json. A benchmark's folder does not
 * belong there, and the change would alter every other build's fingerprint; so it is taken out
 * again, unless something else changed the file meanwhile.
 */
function withTsconfigKept(distDir: string, build: () => void): void {
  const file = "tsconfig.json";
  const before = fs.readFileSync(file, "utf8");
  try {
    build();
  } finally {
    const after = fs.readFileSync(file, "utf8");
    if (after !== before) {
      const { include = [], ...rest } = JSON.parse(after) as { include?: string[] };
      const kept = { ...rest, include: include.filter((glob) => !glob.startsWith(`${distDir}/`)) };
      if (isDeepStrictEqual(JSON.parse(before), kept)) fs.writeFileSync(file, before);
      else console.warn(`${file} changed during the build; left as it is.`);
    }
  }
}

/** `stop` sends SIGTERM; `exited` resolves once the server has gone (a CPU profile is written by then). */
export type Server = { base: string; pid: number; stop: () => void; exited: Promise<void> };

/**
 * Runs `next start` from distDir on port and resolves once it answers; fails if it exits first.
 * nodeArgs go to node itself, e.g. ["--cpu-prof", "--cpu-prof-dir=DIR"] (which NODE_OPTIONS refuses).
 */
export async function startServer(port: number, distDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Server> {
  const base = `http://localhost:${port}`;
  const options: SpawnOptions = {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXTAUTH_URL: base, ...env },
  };
  const args = ["start", "-p", String(port)];
  const child: ChildProcess = nodeArgs.length === 0 ? start("next", args, options) : spawn(process.execPath, [...nodeArgs, bin("next"), ...args], options);
  let stopping = false;
  const stop = () => {
    stopping = true;
    child.kill("SIGTERM");
  };
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      // A server that goes before it is told to would otherwise show only as the next request's "fetch failed".
      if (!stopping) console.error(`next start (port ${port}) exited by itself: code ${code}, signal ${signal}`);
      resolve();
    }),
  );
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/login`)).ok) return { base, pid: child.pid!, stop, exited };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error("The server did not start within a minute");
}
