// The Lighthouse script's verdict without a browser: scores read from a result, a wrong URL or an
// error page scoring nothing, the median over runs, and the targets (a score under one fails).
import { describe, expect, it } from "vitest";
import { auditsBehind, medianScores, missesOf, pageRun, scoreCell, scoresOf, type LighthouseResult, type PageRun } from "./lighthouse-scores";

const URL_ = "http://localhost:3350/settings/tokens";

function result(scores: Record<string, number | null>, overrides: Partial<LighthouseResult> = {}): LighthouseResult {
  return {
    finalDisplayedUrl: URL_,
    categories: Object.fromEntries(
      Object.entries(scores).map(([id, score]) => [id, { score, auditRefs: [{ id: `${id}-audit`, weight: 3 }, { id: `${id}-info`, weight: 0 }] }]),
    ),
    audits: Object.fromEntries(
      Object.keys(scores).flatMap((id) => [
        [`${id}-audit`, { id: `${id}-audit`, title: `${id} audit`, score: 0.5, scoreDisplayMode: "numeric", displayValue: "2.1 s" }],
        [`${id}-info`, { id: `${id}-info`, title: `${id} info`, score: 0, scoreDisplayMode: "binary" }],
      ]),
    ),
    ...overrides,
  };
}

const run = (performance: number | null, accessibility = 100, bestPractices = 100): PageRun => ({
  scores: { performance, accessibility, "best-practices": bestPractices, seo: 90 },
  failing: [],
});

describe("reading a Lighthouse result", () => {
  it("turns each category's 0-1 score into Lighthouse's rounded 0-100", () => {
    expect(scoresOf(result({ performance: 0.894, accessibility: 0.955, "best-practices": 1, seo: null }))).toEqual({
      performance: 89,
      accessibility: 96,
      "best-practices": 100,
      seo: null,
    });
  });

  it("names the weighted audits short of a pass, not those that weigh nothing", () => {
    const { failing } = pageRun(result({ performance: 0.7 }), URL_);
    expect(failing).toEqual([{ category: "performance", id: "performance-audit", title: "performance audit", score: 0.5, displayValue: "2.1 s" }]);
  });

  it("scores nothing when Lighthouse ended on another page (a redirect to the sign-in page)", () => {
    const redirected = pageRun(result({ performance: 1, accessibility: 1 }, { finalDisplayedUrl: "http://localhost:3350/login?callbackUrl=%2F" }), URL_);
    expect(redirected.scores.performance).toBeNull();
    expect(redirected.error).toMatch(/ended at .*\/login/);
  });

  it("scores nothing when the document was an error page", () => {
    const notFound = pageRun(result({ performance: 1 }, { runtimeError: { code: "ERRORED_DOCUMENT_REQUEST", message: "Status code: 404" } }), URL_);
    expect(notFound.scores.accessibility).toBeNull();
    expect(notFound.error).toContain("404");
  });

  it("ignores only the URL's fragment", () => {
    expect(pageRun(result({ performance: 1 }, { finalDisplayedUrl: `${URL_}#main` }), URL_).error).toBeUndefined();
  });
});

describe("the targets", () => {
  it("takes the median of the runs, so that one slow run does not decide", () => {
    expect(medianScores([run(95), run(60), run(92)]).performance).toBe(92);
    expect(medianScores([run(90), run(91)]).performance).toBe(91);
  });

  it("passes at exactly the targets: performance 90, accessibility 95, best practices 95", () => {
    expect(missesOf(run(90, 95, 95).scores)).toEqual([]);
  });

  it("fails one point under each target, and a missing score", () => {
    expect(missesOf(run(89, 94, 94).scores).map((miss) => miss.category)).toEqual(["performance", "accessibility", "best-practices"]);
    expect(missesOf(run(null).scores)).toEqual([{ category: "performance", score: null, target: 90 }]);
  });

  it("does not hold SEO to a target", () => {
    expect(missesOf({ performance: 100, accessibility: 100, "best-practices": 100, seo: 10 })).toEqual([]);
  });

  it("lists the audits behind the categories that missed, each once at its worst", () => {
    const audit = { category: "performance" as const, id: "total-blocking-time", title: "Total Blocking Time" };
    const runs: PageRun[] = [
      { ...run(80), failing: [{ ...audit, score: 0.6 }, { category: "seo", id: "meta-description", title: "No description", score: 0 }] },
      { ...run(85), failing: [{ ...audit, score: 0.4 }] },
    ];
    const behind = auditsBehind(runs, missesOf(medianScores(runs)));
    expect(behind).toEqual([{ ...audit, score: 0.4 }]);
  });

  it("marks a miss in the table", () => {
    expect(scoreCell(run(82).scores, "performance")).toBe("**82** (target 90)");
    expect(scoreCell(run(97).scores, "performance")).toBe("97");
    expect(scoreCell(run(null).scores, "performance")).toBe("**—** (target 90)");
  });
});
