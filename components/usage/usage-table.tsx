// A usage table: scrolls sideways inside its own frame on a narrow screen, never the page.
import { errorRate } from "@/lib/usage/queries";
import { formatCount, formatRate } from "./format";

type Props = { caption: string; columns: string[]; empty: string; children: React.ReactNode[]; testId?: string };

export function UsageTable({ caption, columns, empty, children, testId }: Props) {
  return (
    <section aria-label={caption} className="min-w-0" data-testid={testId}>
      <h2 className="mb-2 font-medium">{caption}</h2>
      {children.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-4 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{empty}</p>
      ) : (
        // Focusable so that a keyboard can scroll it; relative so sr-only text inside scrolls with it.
        <div role="region" aria-label={`${caption} (table)`} tabIndex={0} className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="text-zinc-600 dark:text-zinc-400">
              <tr>
                {columns.map((column, i) => (
                  <th key={column} scope="col" className={`px-3 py-2 font-medium ${i > 0 && NUMERIC.has(column) ? "text-right whitespace-nowrap" : ""}`}>{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const NUMERIC = new Set(["Requests", "Errors", "Error rate"]);

/** A table cell of a count, right-aligned in tabular figures. */
/** A row's requests, errors and error rate: the three count columns every usage table ends with. */
export function CountCells({ counts }: { counts: { requests: number; errors: number } }) {
  return (
    <>
      <NumberCell>{formatCount(counts.requests)}</NumberCell>
      <NumberCell>{formatCount(counts.errors)}</NumberCell>
      <NumberCell>{formatRate(errorRate(counts))}</NumberCell>
    </>
  );
}

export function NumberCell({ children }: { children: React.ReactNode }) {
  return <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">{children}</td>;
}

export const ROW = "border-t border-zinc-100 align-top dark:border-zinc-800";
export const CELL = "px-3 py-2";
export const LINK = "text-sky-700 underline-offset-2 hover:underline dark:text-sky-400";
