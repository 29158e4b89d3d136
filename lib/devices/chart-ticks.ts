// Day ticks for a long chart: local midnights, every day or every few days, so that no date is
// labelled twice (Recharts' own ticks for a time axis fall at round numbers of milliseconds).
import { DAY_MS } from "@/lib/time";

export function dayTicks(from: number, to: number, most = 8): number[] {
  const step = Math.max(1, Math.ceil((to - from) / DAY_MS / most));
  const first = new Date(from);
  first.setHours(0, 0, 0, 0);
  if (first.getTime() < from) first.setDate(first.getDate() + 1);
  const ticks: number[] = [];
  // By calendar date, not by 24 h, so a daylight-saving change keeps the ticks on midnight.
  for (const day = first; day.getTime() <= to; day.setDate(day.getDate() + step)) ticks.push(day.getTime());
  return ticks;
}
