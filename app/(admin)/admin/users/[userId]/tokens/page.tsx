// An admin's view of one user's tokens, in views by status, 50 a page: issue, rotate with grace, revoke.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiDocsLink } from "@/components/tokens/api-docs-link";
import { IssueTokenForm } from "@/components/tokens/issue-token-form";
import { RevokeAllForm } from "@/components/tokens/revoke-all-form";
import { TokenList } from "@/components/tokens/token-list";
import { Badge } from "@/components/ui/badge";
import { RoleBadge } from "@/components/ui/role-badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { getUserSummary } from "@/lib/auth/users";
import { parseStatusFilter } from "@/lib/tokens/listing";
import { parsePageParam } from "@/lib/paging";
import { issueOptions, listTokenPage } from "@/lib/tokens/queries";
import { issueTokenAction, revokeAllTokensAction, revokeTokenAction, rotateTokenAction } from "@/app/_actions/tokens";
import { justChangedTokens } from "@/lib/server/token-changes";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata: Metadata = { title: "User tokens" };

type Props = { params: Promise<{ userId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UserTokensPage({ params, searchParams }: Props) {
  const admin = await requireAdmin();
  const [{ userId }, query] = await Promise.all([params, searchParams]);
  const user = await getUserSummary(admin, userId);
  if (!user) notFound();
  const filter = parseStatusFilter(query.status);
  const [listing, options] = await Promise.all([listTokenPage(admin, user.id, filter, await justChangedTokens()), issueOptions(admin, user.id)]);
  if (!options) notFound();
  // Live: active, expiring and in grace, whichever view is shown.
  const liveCount = listing.counts.current;
  const basePath = `/admin/users/${user.id}/tokens`;

  return (
    <>
      <Breadcrumb trail={[{ href: "/admin/users", label: "Users" }]} />
      <PageHeader title={`Tokens of ${user.name}`} description={`${user.email} · tokens are bound to this user's role and expire within its policy.`}>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <div className="flex items-center gap-2">
            <RoleBadge role={user.role} />
            {user.disabledAt && <Badge tone="red">Disabled</Badge>}
          </div>
          <ApiDocsLink />
        </div>
      </PageHeader>

      <section aria-labelledby="issue-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="issue-heading" className="mb-3 font-medium">Issue a token</h2>
        {user.disabledAt ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">A disabled user cannot hold tokens. Enable them on the users page first.</p>
        ) : (
          <IssueTokenForm
            action={issueTokenAction}
            userId={user.id}
            kinds={["PERSONAL", "DEVICE", "DASHBOARD"]}
            scopes={options.scopes}
            devices={options.devices}
            maxLifetimeDays={options.maxLifetimeDays}
          />
        )}
      </section>

      <section aria-labelledby="tokens-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="tokens-heading" className="font-medium">Tokens</h2>
          {liveCount > 0 && <RevokeAllForm action={revokeAllTokensAction} userId={user.id} userName={user.name} liveCount={liveCount} />}
        </div>
        <TokenList
          listing={listing}
          rotateAction={rotateTokenAction}
          revokeAction={revokeTokenAction}
          basePath={basePath}
          caption={`Tokens of ${user.name}`}
          page={parsePageParam(query)}
          graceHours={options.gracePeriodHours}
          rotatesDashboard
          dashboardWarning={`${user.name}'s dashboard stops working until a new dashboard token is issued.`}
        />
      </section>
    </>
  );
}
