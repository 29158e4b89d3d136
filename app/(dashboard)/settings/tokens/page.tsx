// The signed-in user's own tokens: revoke them, create personal and device tokens.
import type { Metadata } from "next";
import { IssueTokenForm } from "@/components/tokens/issue-token-form";
import { RevokeTokenForm } from "@/components/tokens/revoke-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { issueOptions, listTokens } from "@/lib/tokens/queries";
import { issueTokenAction, revokeTokenAction } from "@/app/_actions/tokens";
import { narrowTokenAction, revokeUnusedTokenAction } from "@/app/_actions/hygiene";
import { AdvisorNotice } from "@/components/hygiene/advisor-notice";

export const metadata: Metadata = { title: "Your tokens" };

export default async function SettingsTokensPage() {
  const user = await requireUser();
  const [tokens, options] = await Promise.all([listTokens(user, user.userId), issueOptions(user, user.userId)]);
  return (
    <>
      <PageHeader
        title="Your tokens"
        description="Tokens for your scripts and devices. The dashboard's own token stays on the server: you only ever see its hint."
      />

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
        <TokenTable
          tokens={tokens}
          caption="Your tokens"
          actions={(token) => (
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
          )}
        />
      </section>
    </>
  );
}
