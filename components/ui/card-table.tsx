// A table that is a list of cards on a phone and a tablet: below lg each row is a card whose cells
// stack with their column's name, so that every action is on screen with no sideways scroll. The
// explicit roles keep it a table to assistive technology, which some browsers drop once a table's
// display changes; the visible column names are aria-hidden, since the header cells name them.

type CardTableProps = {
  /** The region's name and the table's caption. */
  caption: string;
  columns: string[];
  children: React.ReactNode;
  testId?: string;
};

export function CardTable({ caption, columns, children, testId }: CardTableProps) {
  return (
    // Focusable so that a keyboard can scroll a wide table on a desktop; relative so that the
    // sr-only header inside (absolutely positioned) never widens the page.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      data-testid={testId}
      className="relative lg:overflow-x-auto lg:rounded-xl lg:border lg:border-zinc-200 lg:bg-white lg:dark:border-zinc-800 lg:dark:bg-zinc-900"
    >
      <table role="table" className="w-full text-left text-sm max-lg:block">
        <caption className="sr-only">{caption}</caption>
        <thead role="rowgroup" className="text-zinc-600 max-lg:sr-only dark:text-zinc-400">
          <tr role="row">
            {columns.map((column) => (
              <th key={column} role="columnheader" scope="col" className="px-3 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="max-lg:grid max-lg:gap-3">
          {children}
        </tbody>
      </table>
    </div>
  );
}

export function CardRow({ children, ...data }: { children: React.ReactNode } & { [key: `data-${string}`]: string }) {
  return (
    <tr
      role="row"
      {...data}
      className="border-t border-zinc-100 align-top dark:border-zinc-800 max-lg:block max-lg:min-w-0 max-lg:rounded-xl max-lg:border max-lg:border-zinc-200 max-lg:bg-white max-lg:p-3 max-lg:dark:border-zinc-800 max-lg:dark:bg-zinc-900"
    >
      {children}
    </tr>
  );
}

/** The row's header cell: a card's title line. */
export function CardTitle({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <th role="rowheader" scope="row" className={`px-3 py-2 font-medium max-lg:block max-lg:px-0 max-lg:pt-0 max-lg:pb-1 max-lg:text-base ${className}`}>
      {children}
    </th>
  );
}

/** A cell, with its column's name beside the value in a card. */
export function CardCell({ label, children, className = "" }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <td role="cell" className={`px-3 py-2 max-lg:flex max-lg:min-w-0 max-lg:items-baseline max-lg:gap-3 max-lg:px-0 max-lg:py-1 ${className}`}>
      <span aria-hidden className="w-24 shrink-0 text-xs font-medium text-zinc-600 lg:hidden dark:text-zinc-400">
        {label}
      </span>
      <div className="min-w-0 flex-1 lg:contents">{children}</div>
    </td>
  );
}
