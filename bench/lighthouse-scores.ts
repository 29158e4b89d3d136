// What Lighthouse says of a page, reduced to its category scores (0-100), the audits that cost it
// points, and whether it meets issue 14's targets. Pure, so that a test can check the parsing and
// the thresholds without a browser (bench/lighthouse.test.ts).

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_NAME: Record<Category, string> = {
  performance: "performance",
  accessibility: "accessibility",
  "best-practices": "best practices",
  seo: "SEO",
};

/** Issue 14's targets on the desktop preset; SEO is recorded for information only. */
export const TARGETS: Partial<Record<Category, number>> = { performance: 90, accessibility: 95, "best-practices": 95 };

/** The part of a Lighthouse result (LH.Result) that is read here. */
export type LighthouseResult = {
  finalDisplayedUrl: string;
  runtimeError?: { code: string; message: string };
  categories: Partial<Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>>;
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }>;
};

export type Scores = Record<Category, number | null>;

export type FailingAudit = { category: Category; id: string; title: string; score: number; displayValue?: string };

/** One page's run: its scores and what cost it points; `error` when Lighthouse could not score it. */
export type PageRun = { scores: Scores; failing: FailingAudit[]; error?: string };

export type Miss = { category: Category; score: number | null; target: number };

/** Each category's score out of 100 (rounded, as Lighthouse's report shows it), or null if it has none. */
export function scoresOf(result: LighthouseResult): Scores {
  const score = (category: Category) => {
    const value = result.categories[category]?.score;
    return typeof value === "number" ? Math.round(value * 100) : null;
  };
  return Object.fromEntries(CATEGORIES.map((category) => [category, score(category)])) as Scores;
}

/**
 * The audits that cost a category points: weighted, scored, and short of a pass (an audit passes at
 * 0.9, as Lighthouse's report colours it). Informative and not-applicable audits weigh nothing.
 */
export function failingAudits(result: LighthouseResult): FailingAudit[] {
  return CATEGORIES.flatMap((category) =>
    (result.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => result.audits[ref.id])
      .filter((audit) => audit !== undefined && typeof audit.score === "number" && audit.score < 0.9 && audit.scoreDisplayMode !== "informative")
      .map((audit) => ({ category, id: audit!.id, title: audit!.title, score: audit!.score!, displayValue: audit!.displayValue })),
  );
}

/**
 * A run of the page at `path`. A result for another URL (a redirect to the sign-in page, say) or a
 * runtime error (the document answered 404) scores nothing, so it cannot pass for the page.
 */
export function pageRun(result: LighthouseResult, expectedUrl: string): PageRun {
  const empty = Object.fromEntries(CATEGORIES.map((category) => [category, null])) as Scores;
  if (result.runtimeError) return { scores: empty, failing: [], error: `${result.runtimeError.code}: ${result.runtimeError.message}` };
  if (stripHash(result.finalDisplayedUrl) !== stripHash(expectedUrl)) {
    return { scores: empty, failing: [], error: `Lighthouse ended at ${result.finalDisplayedUrl}, not ${expectedUrl}` };
  }
  return { scores: scoresOf(result), failing: failingAudits(result) };
}

function stripHash(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.toString();
}

/** The median of each category over several runs (performance varies from run to run); null if any run had none. */
export function medianScores(runs: PageRun[]): Scores {
  if (runs.length === 0) throw new Error("No runs to take a median of");
  const median = (category: Category) => {
    const values = runs.map((run) => run.scores[category]);
    if (values.some((value) => value === null)) return null;
    const sorted = (values as number[]).toSorted((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
  };
  return Object.fromEntries(CATEGORIES.map((category) => [category, median(category)])) as Scores;
}

/** The categories under their target; a missing score is a miss. */
export function missesOf(scores: Scores): Miss[] {
  return Object.entries(TARGETS)
    .filter(([category, target]) => {
      const score = scores[category as Category];
      return score === null || score < target;
    })
    .map(([category, target]) => ({ category: category as Category, score: scores[category as Category], target }));
}

/** Audits that failed in any run, once each, for the categories that missed their target. */
export function auditsBehind(runs: PageRun[], misses: Miss[]): FailingAudit[] {
  const missed = new Set(misses.map((miss) => miss.category));
  const seen = new Map<string, FailingAudit>();
  for (const audit of runs.flatMap((run) => run.failing)) {
    const key = `${audit.category}/${audit.id}`;
    if (missed.has(audit.category) && (!seen.has(key) || seen.get(key)!.score > audit.score)) seen.set(key, audit);
  }
  return [...seen.values()];
}

/** "100", or "**82** (target 90)" for a miss, or "—" with no score. */
export function scoreCell(scores: Scores, category: Category): string {
  const score = scores[category];
  const target = TARGETS[category];
  if (score === null) return target === undefined ? "—" : `**—** (target ${target})`;
  return target !== undefined && score < target ? `**${score}** (target ${target})` : String(score);
}
