// The status filter (open, acknowledged, all) and the page links of /admin/alerts, kept in the URL.
import Link from "next/link";
import { BUTTON } from "@/components/ui/styles";
import type { AlertStatus } from "@/lib/monitor/alerts";

const STATUS_LABELS: Record<AlertStatus, string> = { open: "Open", acknowledged: "Acknowledged", all: "All" };

export function alertsHref(status: AlertStatus, page = 1): string {
  const query = new URLSearchParams({ status, ...(page > 1 ? { page: String(page) } : {}) });
  return `/admin/alerts?${query}`;
}

export function AlertStatusFilter({ status }: { status: AlertStatus }) {
  return (
    <nav aria-label="Show alerts" className="mb-4 flex flex-wrap gap-2">
      {(Object.keys(STATUS_LABELS) as AlertStatus[]).map((option) => (
        <Link
          key={option}
          href={alertsHref(option)}
          aria-current={option === status ? "page" : undefined}
          className="rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 ring-1 ring-zinc-300 hover:bg-zinc-100 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900"
        >
          {STATUS_LABELS[option]}
        </Link>
      ))}
    </nav>
  );
}

export function AlertPager({ status, page, pages }: { status: AlertStatus; page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 && (
        <Link href={alertsHref(status, page - 1)} rel="prev" className={BUTTON.secondary}>
          ← Newer
        </Link>
      )}
      <span className="text-zinc-600 dark:text-zinc-400">
        Page {page} of {pages}
      </span>
      {page < pages && (
        <Link href={alertsHref(status, page + 1)} rel="next" className={BUTTON.secondary}>
          Older →
        </Link>
      )}
    </nav>
  );
}
