// A tile's sparkline, drawn from the path the server worked out (lib/devices/sparkline.ts): no
// chart library on the homepage. Its look is the .sparkline rules in globals.css.
import { SPARK_VIEWBOX } from "@/lib/devices/sparkline";

export function Sparkline({ path, summary }: { path: string; summary: string }) {
  return (
    <svg viewBox={SPARK_VIEWBOX} preserveAspectRatio="none" className="sparkline" role="img" aria-label={summary}>
      {path && <path d={path} />}
    </svg>
  );
}
