// Writes one benchmark's section of BENCHMARKS.md, between its markers, leaving the others alone.
import fs from "node:fs";
import os from "node:os";

const FILE = "BENCHMARKS.md";
const HEADER = "# Benchmarks\n\nMeasured figures, written by `npm run bench`. Compare ratios taken in one run: the machines are shared and noisy.\n";

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export function writeSection(name: string, markdown: string): void {
  const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, "utf8") : HEADER;
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(FILE, next);
}
