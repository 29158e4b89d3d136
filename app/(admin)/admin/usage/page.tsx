// API usage across everyone: requests over time (for all, one user or one route), the busiest
// tokens, users and routes, and the live tokens by last use.
import type { Metadata } from "next";
import Link from "next/link";
import { UsageFigures } from "@/components/usage/usage-figures";
import { usageHref, UsageRangePicker } from "@/components/usage/usage-range-picker";
import { CELL, CountCells, LINK, ROW, UsageTable } from "@/components/usage/usage-table";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireAdmin } from "@/lib/auth/session";
import { parseOverviewFilter, usageOverview } from "@/lib/usage/overview";
import { parseUsageRange } from "@/lib/usage/range";

export const metadata: Metadata = { title: "Usage" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const KIND = { PERSONAL: "Personal", DEVICE: "Device", DASHBOARD: "Dashboard" } as const;

export default async function UsagePage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const range = parseUsageRange(params.range);
  const filter = parseOverviewFilter(params);
  const usage = await usageOverview(admin, range, filter);
  const keep = { range, user: filter.userId, route: filter.route };
  const narrowed = filter.userId || filter.route;
  const title = [filter.userId && `of ${usage.filter.userName ?? "an unknown user"}`, filter.route && `on ${filter.route}`].filter(Boolean).join(" ");

  return (
    <>
      <PageHeader title="Usage" description="API requests of every token, counted a minute at a time. Refused tokens are in the audit log, not here." />
      <div className="flex flex-wrap items-start justify-between gap-x-4">
        <UsageRangePicker basePath="/admin/usage" range={range} keep={{ user: filter.userId, route: filter.route }} />
        {narrowed && (
          <p className="mb-4 text-sm" data-testid="usage-filter">
            Requests {title}.{" "}
            <Link href={usageHref("/admin/usage", { range })} className={LINK}>Show everyone&apos;s</Link>
          </p>
        )}
      </div>
      <UsageFigures series={usage.series} range={range} title={narrowed ? `Requests ${title}` : "All requests"} />

      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <UsageTable caption="Top tokens" columns={["Token", "Owner", "Requests", "Errors", "Error rate"]} empty="No token was used in this range." testId="top-tokens">
          {usage.topTokens.map((t) => (
            <tr key={t.tokenId} className={ROW}>
              <th scope="row" className={`${CELL} font-medium`}>
                {t.name === null ? <span className="text-zinc-600 dark:text-zinc-400">Deleted token</span> : <Link href={`/tokens/${t.tokenId}`} className={LINK}>{t.name}</Link>}
                {t.kind && <span className="block text-xs font-normal text-zinc-600 dark:text-zinc-400">{KIND[t.kind]}</span>}
              </th>
              <td className={CELL}>{t.ownerName ?? "—"}</td>
              <CountCells counts={t} />
            </tr>
          ))}
        </UsageTable>
        <UsageTable caption="By user" columns={["User", "Requests", "Errors", "Error rate"]} empty="No requests in this range." testId="usage-users">
          {usage.users.map((u) => (
            <tr key={u.userId} className={ROW}>
              <th scope="row" className={`${CELL} font-medium`}>
                <Link href={usageHref("/admin/usage", { ...keep, user: u.userId })} className={LINK} aria-label={`Requests of ${u.name ?? "a deleted user"} over time`}>
                  {u.name ?? "Deleted user"}
                </Link>
                {u.email && <span className="block text-xs font-normal break-all text-zinc-600 dark:text-zinc-400">{u.email}</span>}
              </th>
              <CountCells counts={u} />
            </tr>
          ))}
        </UsageTable>
        <UsageTable caption="By route" columns={["Route", "Requests", "Errors", "Error rate"]} empty="No requests in this range." testId="usage-routes">
          {usage.routes.map((r) => (
            <tr key={r.route} className={ROW}>
              <th scope="row" className={`${CELL} font-normal`}>
                <Link href={usageHref("/admin/usage", { ...keep, route: r.route })} className={`${LINK} font-mono text-xs break-all`} aria-label={`Requests on ${r.route} over time`}>
                  {r.route}
                </Link>
              </th>
              <CountCells counts={r} />
            </tr>
          ))}
        </UsageTable>
        <UsageTable caption="Live tokens, longest unused first" columns={["Token", "Owner", "Created", "Last used"]} empty="No live tokens." testId="tokens-by-last-use">
          {usage.byLastUse.map((t) => (
            <tr key={t.id} className={ROW}>
              <th scope="row" className={`${CELL} font-medium`}>
                <Link href={`/tokens/${t.id}`} className={LINK}>{t.name}</Link>
                <span className="block text-xs font-normal text-zinc-600 dark:text-zinc-400">{KIND[t.kind]}</span>
              </th>
              <td className={CELL}>{t.ownerName}</td>
              <td className={`${CELL} whitespace-nowrap`}><RelativeTime time={t.createdAt} /></td>
              <td className={`${CELL} whitespace-nowrap`}><RelativeTime time={t.lastUsedAt} /></td>
            </tr>
          ))}
        </UsageTable>
      </div>
    </>
  );
}
