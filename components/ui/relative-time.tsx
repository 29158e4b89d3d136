// "5 min ago" with the exact time in a tooltip and a machine-readable datetime.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", DAY_MS],
  ["hour", HOUR_MS],
  ["minute", MINUTE_MS],
];

const format = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

function relativeTime(time: Date, now = Date.now()): string {
  const elapsed = time.getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(Math.round(elapsed / ms), unit);
  }
  return "just now";
}

export function RelativeTime({ time, fallback = "never" }: { time: Date | string | null; fallback?: string }) {
  if (!time) return <span>{fallback}</span>;
  const date = new Date(time);
  return (
    // In a client component the server's "5 min ago" may be a minute older by hydration: not an error.
    <time dateTime={date.toISOString()} title={date.toISOString().replace("T", " ").slice(0, 19) + " UTC"} suppressHydrationWarning>
      {relativeTime(date)}
    </time>
  );
}
