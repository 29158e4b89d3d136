// The token views a page can show, each a link that keeps its choice in the URL (?status=), with
// how many tokens each holds. The default view, live tokens, has no parameter.
import Link from "next/link";
import { listHref } from "@/lib/paging";
import { STATUS_FILTERS, type StatusFilter } from "@/lib/tokens/listing";
import { REMINDER_DAYS } from "@/lib/tokens/reminder-window";

const LABEL: Record<StatusFilter, string> = {
  current: "Active and expiring",
  active: "Active",
  expiring: "Expiring",
  revoked: "Revoked",
  expired: "Expired",
  all: "All",
};

/** What an empty view says. */
export const EMPTY_VIEW: Record<StatusFilter, string> = {
  current: "No live tokens.",
  active: "No active tokens.",
  expiring: `No tokens expiring within ${REMINDER_DAYS[0]} days.`,
  revoked: "No revoked tokens.",
  expired: "No expired tokens.",
  all: "No tokens yet.",
};

/** A view's URL, and a page of it past the first. */
export function statusHref(basePath: string, filter: StatusFilter, page = 1): string {
  return listHref(basePath, { status: filter === "current" ? "" : filter }, page);
}

type Props = { basePath: string; filter: StatusFilter; counts: Record<StatusFilter, number> };

export function TokenStatusTabs({ basePath, filter, counts }: Props) {
  return (
    <nav aria-label="Token status" className="mb-3">
      <ul className="flex flex-wrap gap-1.5">
        {STATUS_FILTERS.map((f) => (
          <li key={f}>
            <Link
              href={statusHref(basePath, f)}
              aria-current={f === filter ? "page" : undefined}
              className="inline-flex items-center gap-1.5 rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 aria-[current=page]:border-sky-700 aria-[current=page]:bg-sky-700 aria-[current=page]:text-white aria-[current=page]:hover:bg-sky-800 dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:border-sky-600 dark:aria-[current=page]:bg-sky-800"
            >
              {LABEL[f]}
              <span className="tabular-nums" data-testid={`count-${f}`}>{counts[f]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
