// The imports between the folders of lib/, read from the source: which folder depends on which,
// and the cycles among them. `npm run deps` prints both; lib/layering.test.ts holds them at none.
import fs from "node:fs";
import path from "node:path";

const LIB = path.join(process.cwd(), "lib");
/** Generated code is outside the layers: any folder may use it. */
const OUTSIDE = new Set(["generated"]);
const IMPORT = /(?:^|\s)(?:import|export)\s[^"'`;]*?from\s+["']([^"']+)["']|(?:^|\s)import\s*\(?\s*["']([^"']+)["']/g;

/** Source files of lib/ that the app runs: no tests, no generated code. */
function sourceFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return OUTSIDE.has(entry.name) && dir === LIB ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The folder of lib/ a file is in, or "." for lib's own root modules. */
function folderOf(file: string): string {
  const parts = path.relative(LIB, file).split(path.sep);
  return parts.length > 1 ? parts[0]! : ".";
}

/** The lib/ file an import names, or null for a package. */
function resolve(from: string, specifier: string): string | null {
  if (specifier.startsWith("@/lib/")) return path.join(LIB, specifier.slice("@/lib/".length));
  if (specifier.startsWith(".")) return path.resolve(path.dirname(from), specifier);
  return null;
}

type Edge = { from: string; to: string; file: string; specifier: string };

/** Every import from one folder of lib/ into another. */
export function folderEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      const target = resolve(file, specifier);
      if (!target || !target.startsWith(LIB + path.sep)) continue;
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to && !OUTSIDE.has(to)) edges.push({ from, to, file: path.relative(process.cwd(), file), specifier });
    }
  }
  return edges;
}

/** Each cycle among the folders once, as the folders in order: ["api", "server"] for api → server → api. */
export function folderCycles(edges = folderEdges()): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const cycles = new Map<string, string[]>();
  const walk = (start: string, at: string, trail: string[]) => {
    for (const to of next.get(at) ?? []) {
      if (to === start) {
        // The same cycle found from each of its folders: keep the rotation that starts with the least.
        const least = trail.indexOf([...trail].sort()[0]!);
        const cycle = [...trail.slice(least), ...trail.slice(0, least)];
        cycles.set(cycle.join(" → "), cycle);
      } else if (!trail.includes(to)) walk(start, to, [...trail, to]);
    }
  };
  for (const start of next.keys()) walk(start, start, [start]);
  return [...cycles.values()];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const edges = folderEdges();
  const pairs = [...new Set(edges.map((e) => `${e.from} → ${e.to}`))].sort();
  console.log(`Imports between the folders of lib/ ("." is lib's root modules):\n  ${pairs.join("\n  ")}`);
  const cycles = folderCycles(edges);
  console.log(`\n${cycles.length} cycle${cycles.length === 1 ? "" : "s"} among the folders${cycles.length ? ":" : "."}`);
  for (const cycle of cycles) console.log(`  ${[...cycle, cycle[0]].join(" → ")}`);
  process.exitCode = cycles.length > 0 ? 1 : 0;
}
