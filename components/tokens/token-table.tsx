// One user's tokens in one view, newest first: the same table on the admin page and in the
// person's settings, a card a token on a phone. Only the hint (prefix…last4) of a token is ever
// shown here; its name opens its usage page.
import Link from "next/link";
import type { TokenListItem } from "@/lib/tokens/listing";
import { CardCell, CardRow, CardTable, CardTitle } from "@/components/ui/card-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { KindCell, LastUsedCell, StatusCell } from "./token-cells";

type Props = {
  tokens: TokenListItem[];
  caption: string;
  /** What an empty view says: "No tokens yet.", "No revoked tokens." */
  empty: string;
  /** Why a used token shows no address (lib/tokens/queries.ts missingAddressReason). */
  missingAddress: string;
  /** The actions cell of a row; rendered for every row so that its forms keep their state. */
  actions?: (token: TokenListItem) => React.ReactNode;
};

// The hint goes under the name, so that the status and actions have the room on a laptop's width.
const COLUMNS = ["Name", "Kind", "Scopes", "Created", "Status", "Last used"];

export function TokenTable({ tokens, caption, empty, missingAddress, actions }: Props) {
  if (tokens.length === 0) {
    return (
      <p data-testid="no-tokens" className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        {empty}
      </p>
    );
  }
  return (
    <CardTable caption={caption} columns={actions ? [...COLUMNS, "Actions"] : COLUMNS}>
      {tokens.map((token) => (
        <CardRow key={token.id} data-token-id={token.id}>
          <CardTitle className="break-words">
            <Link href={`/tokens/${token.id}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">{token.name}</Link>
            <code className="mt-0.5 block font-mono text-xs font-normal whitespace-nowrap text-zinc-600 dark:text-zinc-400">{token.hint}</code>
          </CardTitle>
          <CardCell label="Kind"><KindCell token={token} /></CardCell>
          <CardCell label="Scopes">
            <ul className="flex flex-wrap gap-1" aria-label="Scopes">
              {token.scopes.map((scope) => (
                <li key={scope} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{scope}</li>
              ))}
              {token.scopes.length === 0 && <li className="text-xs text-zinc-600 dark:text-zinc-400">none</li>}
            </ul>
          </CardCell>
          <CardCell label="Created" className="lg:whitespace-nowrap"><RelativeTime time={token.createdAt} /></CardCell>
          <CardCell label="Status" className="lg:min-w-48"><StatusCell token={token} /></CardCell>
          <CardCell label="Last used" className="lg:min-w-36"><LastUsedCell token={token} missingAddress={missingAddress} /></CardCell>
          {actions && (
            <CardCell label="Actions">
              {/* No column gap: a rotation form with nothing to show (a revoked token's) takes no room. */}
              <div className="flex flex-wrap items-start gap-y-2 lg:min-w-60">{actions(token)}</div>
            </CardCell>
          )}
        </CardRow>
      ))}
    </CardTable>
  );
}
