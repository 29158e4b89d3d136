// Anomaly alerts for admins: open, acknowledged or all, newest first, a page at a time, with the
// rules that raise them.
import type { Metadata } from "next";
import { z } from "zod";
import { AlertList } from "@/components/alerts/alert-list";
import { AlertPager, AlertStatusFilter } from "@/components/alerts/alert-nav";
import { AlertRules } from "@/components/alerts/alert-rules";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { ALERT_STATUSES, listAlerts } from "@/lib/monitor/alerts";
import { firstParam } from "@/lib/paging";
import { acknowledgeAlertAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

/** Anything unexpected in the query falls back to the first page of open alerts. */
const Query = z.object({
  status: z.enum(ALERT_STATUSES).catch("open"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EMPTY = { open: "No open alerts.", acknowledged: "No acknowledged alerts.", all: "No alerts yet." } as const;

export default async function AlertsPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const query = Query.parse({ status: firstParam(params.status) ?? "open", page: firstParam(params.page) ?? 1 });
  const { alerts, page, pages, total } = await listAlerts(admin, query);
  return (
    <>
      <PageHeader title="Alerts" description="What the monitor found unusual: refused tokens, new networks, spikes and bursts. Acknowledge an alert once it is dealt with." />
      <AlertStatusFilter status={query.status} />
      <p aria-live="polite" className="mb-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="alert-count">
        {total === 1 ? "1 alert" : `${total} alerts`}
      </p>
      {alerts.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700">{EMPTY[query.status]}</p>
      ) : (
        <AlertList alerts={alerts} acknowledge={acknowledgeAlertAction} />
      )}
      <AlertPager status={query.status} page={page} pages={pages} />
      <AlertRules />
    </>
  );
}
