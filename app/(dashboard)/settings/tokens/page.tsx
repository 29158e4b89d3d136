// The signed-in user's own tokens: create personal and device tokens, rotate and revoke them, in
// views by status. The dashboard's token is listed (by its hint) with its automatic rotation.
import type { Metadata } from "next";
import { ApiDocsLink } from "@/components/tokens/api-docs-link";
import { IssueTokenForm } from "@/components/tokens/issue-token-form";
import { RevokeTokenForm } from "@/components/tokens/revoke-token-form";
import { RotateTokenForm } from "@/components/tokens/rotate-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { EMPTY_VIEW, TokenStatusTabs } from "@/components/tokens/token-status-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { graceChoices } from "@/lib/tokens/grace";
import { parseStatusFilter } from "@/lib/tokens/listing";
import { issueOptions, listTokenPage, missingAddressReason } from "@/lib/tokens/queries";
import { issueTokenAction, revokeTokenAction, rotateTokenAction } from "@/app/_actions/tokens";
import { justChangedTokens } from "@/app/_actions/token-changes";
import { narrowTokenAction, revokeUnusedTokenAction } from "@/app/_actions/hygiene";
import { AdvisorNotice } from "@/components/hygiene/advisor-notice";

export const metadata: Metadata = { title: "Your tokens" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SettingsTokensPage({ searchParams }: Props) {
  const user = await requireUser();
  const filter = parseStatusFilter((await searchParams).status);
  const [listing, options] = await Promise.all([listTokenPage(user, user.userId, filter, await justChangedTokens()), issueOptions(user, user.userId)]);
  const grace = options ? graceChoices(options.gracePeriodHours) : [];
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
        <TokenStatusTabs basePath="/settings/tokens" filter={listing.filter} counts={listing.counts} />
        <TokenTable
          tokens={listing.tokens}
          caption="Your tokens"
          empty={EMPTY_VIEW[listing.filter]}
          missingAddress={missingAddressReason()}
          actions={(token) => (
            <>
              {/* The dashboard token is Gatehouse's to rotate: its row says so instead. */}
              {token.kind !== "DASHBOARD" && options && (
                <RotateTokenForm
                  action={rotateTokenAction}
                  tokenId={token.id}
                  tokenName={token.name}
                  active={token.status === "active"}
                  graceChoices={grace}
                  defaultGraceHours={options.gracePeriodHours}
                />
              )}
              <RevokeTokenForm
                action={revokeTokenAction}
                tokenId={token.id}
                tokenName={token.name}
                live={token.status === "active" || token.status === "grace"}
                warning={
                  token.kind === "DASHBOARD"
                    ? "The dashboard will stop working for you until an admin issues a new dashboard token."
                    : undefined
                }
              />
            </>
          )}
        />
      </section>
    </>
  );
}
