// The usage range as links (they work without JavaScript and keep the view in the URL), keeping
// the page's other query parameters. A range's link shows a dot while its page loads.
import Link from "next/link";
import { LinkPendingHint } from "@/components/layout/route-progress-hint";
import { USAGE_RANGES, type UsageRange } from "@/lib/usage/range";

type Props = { basePath: string; range: UsageRange; keep?: Record<string, string | undefined> };

export function UsageRangePicker({ basePath, range, keep = {} }: Props) {
  return (
    <nav aria-label="Usage range" className="mb-4">
      <ul className="inline-flex flex-wrap gap-1 rounded-lg border border-zinc-200 bg-white p-1 dark:border-zinc-800 dark:bg-zinc-900">
        {(Object.keys(USAGE_RANGES) as UsageRange[]).map((key) => (
          <li key={key}>
            <Link
              href={usageHref(basePath, { ...keep, range: key })}
              aria-current={range === key ? "page" : undefined}
              className="flex items-center gap-1.5 rounded-md px-3 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 aria-[current=page]:bg-sky-700 aria-[current=page]:text-white dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              {USAGE_RANGES[key].label}
              <LinkPendingHint />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A path with the given query parameters, leaving out the empty ones. */
export function usageHref(basePath: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}
