// A tile's sparkline, drawn from the path the server worked out (lib/devices/sparkline.ts): no
// chart library on the homepage. The line's look is the .sparkline rule in globals.css, so that
// 300 paths do not each repeat six presentation attributes.
import { SPARK_VIEWBOX } from "@/lib/devices/sparkline";

export function Sparkline({ path, summary }: { path: string; summary: string }) {
  return (
    <svg viewBox={SPARK_VIEWBOX} preserveAspectRatio="none" className="sparkline h-6 w-full text-sky-600 dark:text-sky-400" role="img" aria-label={summary}>
      {path && <path d={path} />}
    </svg>
  );
}
