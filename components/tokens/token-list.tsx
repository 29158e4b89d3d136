// One user's tokens as both token pages show them (the person's settings, an admin's view of a
// user): the status views, a page of 50 tokens of the view chosen, each with Rotate and Revoke,
// and Previous / Next where a view holds more. A view, and its page, live in the URL.
import { Pager } from "@/components/ui/pager";
import type { ServerAction } from "@/components/ui/use-form-action";
import { graceChoices } from "@/lib/tokens/grace";
import type { FormState, TokenFormState } from "@/lib/form-state";
import type { TokenListing } from "@/lib/tokens/listing";
import { missingAddressReason } from "@/lib/tokens/queries";
import { pagePlace, showingText } from "@/lib/paging";
import { RevokeTokenForm } from "./revoke-token-form";
import { RotateTokenForm } from "./rotate-token-form";
import { EMPTY_VIEW, statusHref, TokenStatusTabs } from "./token-status-tabs";
import { TokenTable } from "./token-table";

/** Rows a page: the forms in each row make a long view heavy to render and to hydrate. */
export const TOKENS_PER_PAGE = 50;

type Props = {
  listing: TokenListing;
  rotateAction: ServerAction<TokenFormState>;
  revokeAction: ServerAction<FormState>;
  /** The page's path, which the views and pages add their query to. */
  basePath: string;
  caption: string;
  /** The page asked for in the URL. */
  page: number;
  /** The owner's policy grace, in hours; null where no rotation is offered. */
  graceHours: number | null;
  /** Whether the dashboard token is rotated here: Gatehouse rotates it on its own, and only an admin by hand. */
  rotatesDashboard: boolean;
  /** What revoking the dashboard token does, said in its confirmation. */
  dashboardWarning: string;
};

export function TokenList({ listing, rotateAction, revokeAction, basePath, caption, page, graceHours, rotatesDashboard, dashboardWarning }: Props) {
  const place = pagePlace(listing.tokens.length, page, TOKENS_PER_PAGE);
  const tokens = listing.tokens.slice(place.skip, place.skip + TOKENS_PER_PAGE);
  const grace = graceHours === null ? [] : graceChoices(graceHours);
  return (
    <>
      <TokenStatusTabs basePath={basePath} filter={listing.filter} counts={listing.counts} />
      {place.pages > 1 && (
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="token-count">
          {showingText(place, place.total, ["token", "tokens"])}
        </p>
      )}
      <TokenTable
        tokens={tokens}
        caption={caption}
        empty={EMPTY_VIEW[listing.filter]}
        missingAddress={missingAddressReason()}
        actions={(token) => (
          <>
            {graceHours !== null && (token.kind !== "DASHBOARD" || rotatesDashboard) && (
              <RotateTokenForm
                action={rotateAction}
                tokenId={token.id}
                tokenName={token.name}
                active={token.status === "active"}
                graceChoices={grace}
                defaultGraceHours={graceHours}
              />
            )}
            <RevokeTokenForm
              action={revokeAction}
              tokenId={token.id}
              tokenName={token.name}
              live={token.status === "active" || token.status === "grace"}
              warning={token.kind === "DASHBOARD" ? dashboardWarning : undefined}
            />
          </>
        )}
      />
      <Pager page={place.page} pages={place.pages} href={(n) => statusHref(basePath, listing.filter, n)} />
    </>
  );
}
