// The signed-in user's own tokens: create personal and device tokens, rotate and revoke them, in
// views by status. The dashboard's token is listed (by its hint) with its automatic rotation.
import type { Metadata } from "next";
import { ApiDocsLink } from "@/components/tokens/api-docs-link";
import { IssueTokenForm } from "@/components/tokens/issue-token-form";
import { TokenList } from "@/components/tokens/token-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { parseStatusFilter } from "@/lib/tokens/listing";
import { parsePageParam } from "@/lib/paging";
import { issueOptions, listTokenPage } from "@/lib/tokens/queries";
import { issueTokenAction, revokeTokenAction, rotateTokenAction } from "@/app/_actions/tokens";
import { justChangedTokens } from "@/lib/server/token-changes";
import { narrowTokenAction, revokeUnusedTokenAction } from "@/app/_actions/hygiene";
import { AdvisorNotice } from "@/components/hygiene/advisor-notice";

export const metadata: Metadata = { title: "Your tokens" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SettingsTokensPage({ searchParams }: Props) {
  const user = await requireUser();
  const query = await searchParams;
  const filter = parseStatusFilter(query.status);
  const [listing, options] = await Promise.all([listTokenPage(user, user.userId, filter, await justChangedTokens()), issueOptions(user, user.userId)]);
  return (
    <>
      <PageHeader
        title="Your tokens"
        description="Tokens for your scripts and devices. The dashboard's own token stays on the server: you only ever see its hint."
      >
        <ApiDocsLink />
      </PageHeader>

      {options && (
        <section aria-labelledby="create-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="create-heading" className="mb-3 font-medium">Create a token</h2>
          <IssueTokenForm
            action={issueTokenAction}
            userId={user.userId}
            kinds={["PERSONAL", "DEVICE"]}
            scopes={options.scopes}
            devices={options.devices}
            maxLifetimeDays={options.maxLifetimeDays}
            submitLabel="Create token"
          />
        </section>
      )}

      <AdvisorNotice person={user} narrowAction={narrowTokenAction} revokeAction={revokeUnusedTokenAction} />

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-3 font-medium">Tokens</h2>
        <TokenList
          listing={listing}
          rotateAction={rotateTokenAction}
          revokeAction={revokeTokenAction}
          basePath="/settings/tokens"
          caption="Your tokens"
          page={parsePageParam(query)}
          graceHours={options?.gracePeriodHours ?? null}
          rotatesDashboard={false}
          dashboardWarning="The dashboard will stop working for you until an admin issues a new dashboard token."
        />
      </section>
    </>
  );
}
