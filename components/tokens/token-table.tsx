// One user's tokens, newest first: the same table on the admin page and in the person's settings.
// Only the hint (prefix…last4) of a token is ever shown here; its name opens its usage page.
import Link from "next/link";
import type { TokenView } from "@/lib/tokens/views";
import { RelativeTime } from "@/components/ui/relative-time";
import { ExpiryCell, KindCell, LastUsedCell, StatusCell } from "./token-cells";

type Props = {
  tokens: TokenView[];
  caption: string;
  /** The actions cell of a row; rendered for every row so that its forms keep their state. */
  actions?: (token: TokenView) => React.ReactNode;
};

const COLUMNS = ["Name", "Kind", "Token", "Scopes", "Created", "Expires", "Last used", "Status"];

export function TokenTable({ tokens, caption, actions }: Props) {
  if (tokens.length === 0) {
    return (
      <p data-testid="no-tokens" className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No tokens yet.
      </p>
    );
  }
  return (
    // Focusable so that a keyboard can scroll it on a narrow screen; relative so that the sr-only
    // labels inside (absolutely positioned) scroll with it instead of widening the page.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <table className="w-full min-w-[64rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-zinc-600 dark:text-zinc-400">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">{column}</th>
            ))}
            {actions && <th scope="col" className="px-3 py-2 font-medium">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-token-id={token.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              <th scope="row" className="px-3 py-2 font-medium">
                <Link href={`/tokens/${token.id}`} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">{token.name}</Link>
              </th>
              <td className="px-3 py-2"><KindCell token={token} /></td>
              <td className="px-3 py-2"><code className="whitespace-nowrap font-mono text-xs">{token.hint}</code></td>
              <td className="px-3 py-2">
                <ul className="flex flex-wrap gap-1" aria-label="Scopes">
                  {token.scopes.map((scope) => (
                    <li key={scope} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{scope}</li>
                  ))}
                  {token.scopes.length === 0 && <li className="text-xs text-zinc-600 dark:text-zinc-400">none</li>}
                </ul>
              </td>
              <td className="px-3 py-2 whitespace-nowrap"><RelativeTime time={token.createdAt} /></td>
              <td className="px-3 py-2 whitespace-nowrap"><ExpiryCell token={token} /></td>
              <td className="px-3 py-2 whitespace-nowrap"><LastUsedCell token={token} /></td>
              <td className="px-3 py-2"><StatusCell token={token} /></td>
              {actions && <td className="px-3 py-2"><div className="flex flex-wrap items-start gap-2">{actions(token)}</div></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
