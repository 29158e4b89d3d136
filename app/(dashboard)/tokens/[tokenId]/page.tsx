// One token's usage: its requests over time, errors, routes and the networks it was used from. Its
// owner and admins see it; for anyone else it is the 404 page, as for a token that does not exist.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TokenStatusBadge } from "@/components/usage/token-status-badge";
import { UsageFigures } from "@/components/usage/usage-figures";
import { UsageRangePicker } from "@/components/usage/usage-range-picker";
import { CELL, CountCells, ROW, UsageTable } from "@/components/usage/usage-table";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireUser } from "@/lib/auth/session";
import { missingAddressReason } from "@/lib/tokens/queries";
import { seesAllUsage, tokenUsage } from "@/lib/usage/queries";
import { parseUsageRange } from "@/lib/usage/range";
import { Breadcrumb } from "@/components/ui/breadcrumb";

// The token's name is not in the title: a title is the one part of a 404 a stranger could compare.
export const metadata: Metadata = { title: "Token usage" };

type Props = { params: Promise<{ tokenId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const KIND = { PERSONAL: "Personal token", DEVICE: "Device token", DASHBOARD: "Dashboard token (held by the server)" } as const;

export default async function TokenUsagePage({ params, searchParams }: Props) {
  const user = await requireUser();
  const [{ tokenId }, query] = await Promise.all([params, searchParams]);
  const range = parseUsageRange(query.range);
  const usage = await tokenUsage(user, tokenId, range);
  if (!usage) notFound();
  const { token, series, routes, networks } = usage;
  const own = token.owner.id === user.userId;
  const back = own || !seesAllUsage(user) ? { href: "/settings/tokens", label: "Your tokens" } : { href: `/admin/users/${token.owner.id}/tokens`, label: `Tokens of ${token.owner.name}` };

  return (
    <>
      <Breadcrumb trail={[back]} />
      <PageHeader title={token.name} description={`${KIND[token.kind]}${token.deviceName ? ` for ${token.deviceName}` : ""}${own ? "" : ` · owned by ${token.owner.name} (${token.owner.email})`}`}>
        <TokenStatusBadge status={token.status} />
      </PageHeader>
      <dl className="mb-6 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <Detail label="Created"><RelativeTime time={token.createdAt} /></Detail>
        {/* A revoked or expired token's expiry says nothing any more ("in 3 mo." on a revoked one misleads). */}
        <Detail label="Expires">
          {token.status === "revoked" || token.status === "expired" ? (
            <span className="font-normal text-zinc-600 dark:text-zinc-400">no longer applies: {token.status}</span>
          ) : (
            <RelativeTime time={token.expiresAt} />
          )}
        </Detail>
        <Detail label="Last used">
          <RelativeTime time={token.lastUsedAt} />
          {token.lastUsedIp ? (
            <span className="block font-mono text-xs font-normal break-all text-zinc-600 dark:text-zinc-400">from {token.lastUsedIp}</span>
          ) : (
            token.lastUsedAt && <span className="block text-xs font-normal text-zinc-600 dark:text-zinc-400">{missingAddressReason()}</span>
          )}
        </Detail>
        <Detail label="Scopes">
          <span className="font-mono text-xs font-normal break-words">{token.scopes.join(" ") || "none"}</span>
        </Detail>
      </dl>
      <UsageRangePicker basePath={`/tokens/${token.id}`} range={range} />
      <UsageFigures series={series} range={range} title="Requests over time" />
      <div className="grid gap-6 lg:grid-cols-2">
        <UsageTable caption="By route" columns={["Route", "Requests", "Errors", "Error rate"]} empty="No requests in this range." testId="token-routes">
          {routes.map((r) => (
            <tr key={r.route} className={ROW}>
              <th scope="row" className={`${CELL} font-mono text-xs font-normal break-all`}>{r.route}</th>
              <CountCells counts={r} />
            </tr>
          ))}
        </UsageTable>
        <UsageTable caption="Networks seen" columns={["Network", "First seen", "Last seen"]} empty="No network recorded yet: the address is known only behind a trusted proxy." testId="token-networks">
          {networks.map((n) => (
            <tr key={n.network} className={ROW}>
              <th scope="row" className={`${CELL} font-mono text-xs font-normal break-all`}>{n.network}</th>
              <td className={`${CELL} whitespace-nowrap`}><RelativeTime time={n.firstSeenAt} /></td>
              <td className={`${CELL} whitespace-nowrap`}><RelativeTime time={n.lastSeenAt} /></td>
            </tr>
          ))}
        </UsageTable>
      </div>
    </>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 rounded-xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 font-medium">{children}</dd>
    </div>
  );
}
