// Decides whether the production build is current, by a hash of everything that goes into it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUT_DIRS = ["app", "components", "lib", "public"];
const INPUT_FILES = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "instrumentation.ts", "prisma/schema.prisma"];
const SKIP = new Set(["generated", "cli", "node_modules"]);

function* files(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (!entry.name.endsWith(".test.ts")) yield full;
  }
}

/** The hash of a build's inputs: its sources, and the build-time switches in env, the build's environment. */
export function sourceFingerprint(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const hash = crypto.createHash("sha256");
  // Build-time switches change the output as much as the sources do.
  hash.update(`canary=${env.GATEHOUSE_BUILD_LEAK_CANARY ?? ""}\0`);
  hash.update(`bench=${env.GATEHOUSE_BUILD_BENCH ?? ""}\0`);
  const all = [...INPUT_DIRS.flatMap((dir) => [...files(path.join(root, dir))]), ...INPUT_FILES.map((f) => path.join(root, f))];
  for (const file of all.sort()) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

function stampFile(distDir: string): string {
  return path.join(distDir, "gatehouse-build-fingerprint");
}

export function buildIsCurrent(distDir: string, fingerprint: string): boolean {
  const stamp = stampFile(distDir);
  return fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === fingerprint;
}

export function markBuilt(distDir: string, fingerprint: string): void {
  fs.writeFileSync(stampFile(distDir), fingerprint);
}
