// Summaries of a benchmark's timings.

/** The nearest-rank percentile: the smallest value that p% of the values are at or below. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
