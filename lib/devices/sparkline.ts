// A metric's last 24 hours as a tile's sparkline: the SVG path through its hourly averages, scaled
// to a small box, and the same in words. Worked out on the server, so that a tile's props carry a
// path and a sentence rather than 24 numbers for the browser to redo.
import { formatReading } from "./format";

/** Hourly points in a sparkline, the last one the hour now under way. */
export const SPARK_HOURS = 24;

/** Whole units between points keep the path short: the box stretches to the tile's width anyway. */
const STEP = 4;
const HEIGHT = 24;
const MIN_SPAN = 0.02;

export const SPARK_VIEWBOX = `0 0 ${(SPARK_HOURS - 1) * STEP} ${HEIGHT}`;

/** The SVG path through the points, scaled to the box; a null breaks the line. */
export function sparklinePath(values: (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return "";
  // A span of at least 2% of the level, so that a steady reading's noise does not fill the box.
  const [min, max] = [Math.min(...present), Math.max(...present)];
  const floor = (Math.max(Math.abs(min), Math.abs(max)) * MIN_SPAN) / 2;
  const mid = (min + max) / 2;
  const [low, high] = max - min >= 2 * floor ? [min, max] : [mid - floor, mid + floor];
  const span = high - low || 1;
  let path = "";
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    // A flat series sits in the middle; otherwise the lowest point touches the bottom.
    const y = high === low ? HEIGHT / 2 : HEIGHT - 1 - ((value - low) / span) * (HEIGHT - 2);
    const point = `${i * STEP} ${Math.round(y * 10) / 10}`;
    // A lone moveto is never stroked: a point between gaps becomes a zero-length line, a dot.
    const alone = !drawing && (values[i + 1] ?? null) === null;
    path += drawing ? `L${point}` : alone ? `M${point}L${point}` : `M${point}`;
    drawing = true;
  });
  return path;
}

/** The sparkline in words, for its accessible name. */
export function sparklineSummary(values: (number | null)[], label: string, unit: string): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return `${label}: no readings in the last 24 hours`;
  return `${label}, last 24 hours: from ${formatReading(Math.min(...present), unit)} to ${formatReading(Math.max(...present), unit)}`;
}
