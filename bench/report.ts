// Writes one benchmark's section of BENCHMARKS.md, between its markers, leaving the others alone.
// A run on PostgreSQL (`--postgres`) writes its own sections beside SQLite's, and both put their
// headline figures in the table at the top, one column an engine.
import fs from "node:fs";
import os from "node:os";
import { ENGINE, ENGINE_NAME, type Engine } from "./engine";

const FILE = "BENCHMARKS.md";
const HEADER = "# Benchmarks\n\nMeasured figures, written by `npm run bench`. Compare ratios taken in one run: the machines are shared and noisy.\n";

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function read(): string {
  return fs.existsSync(FILE) ? fs.readFileSync(FILE, "utf8") : HEADER;
}

function replaceBlock(current: string, name: string, markdown: string, atTop = false): string {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  if (pattern.test(current)) return current.replace(pattern, block);
  if (atTop) {
    const first = current.indexOf("<!-- bench:");
    return first < 0 ? `${current.trimEnd()}\n\n${block}\n` : `${current.slice(0, first)}${block}\n\n${current.slice(first)}`;
  }
  return `${current.trimEnd()}\n\n${block}\n`;
}

/** Writes a section; its `## ` heading is marked with the engine, and a PostgreSQL run's section is its own. */
export function writeSection(name: string, markdown: string): void {
  const section = ENGINE === "sqlite" ? name : `${name}-${ENGINE}`;
  const marked = markdown.trim().replace(/^## (.*)$/m, `## $1 (${ENGINE_NAME[ENGINE]})`);
  fs.writeFileSync(FILE, replaceBlock(read(), section, marked));
}

type Figures = Record<string, Partial<Record<Engine, string>>>;

const SUMMARY = "engines";
const FIGURES_PATTERN = /<!-- figures (\{[\s\S]*?\}) -->/;

/**
 * Puts this run's headline figures in the table of both engines at the top of the file, keeping the
 * other engine's column as its last run left it. Each figure is a label and its text, e.g.
 * "API, authenticated share of the bare route" → "93.0%".
 */
export function recordFigures(figures: Record<string, string>): void {
  const current = read();
  const stored = FIGURES_PATTERN.exec(current)?.[1];
  const all: Figures = stored ? (JSON.parse(stored) as Figures) : {};
  for (const [label, value] of Object.entries(figures)) all[label] = { ...all[label], [ENGINE]: `${value} (${new Date().toISOString().slice(0, 10)})` };
  const rows = Object.entries(all).map(([label, by]) => `| ${label} | ${by.sqlite ?? "—"} | ${by.postgres ?? "—"} |`);
  const markdown = `## Both engines at a glance

The headline figure of each benchmark below, on SQLite and on PostgreSQL, with the date it was measured. Each ratio is
against a baseline measured in the same run on the same engine; the sections below give the rounds and the method.

| figure | SQLite | PostgreSQL |
|---|---|---|
${rows.join("\n")}

<!-- figures ${JSON.stringify(all)} -->`;
  fs.writeFileSync(FILE, replaceBlock(current, SUMMARY, markdown, true));
}
