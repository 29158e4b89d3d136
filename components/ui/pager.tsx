// Previous / next links under a list shown a page at a time (the homepage's tiles, the users page).
// Plain links that keep the search, filter and sort, so paging works without JavaScript and every
// page has its own URL.
import Link from "next/link";
import { BUTTON } from "./styles";

// At either end the missing link keeps its place, unseen, so "Page n of m" stays put.
const idle = `${BUTTON.secondary} invisible`;

type Props = {
  page: number;
  pages: number;
  /** The URL of another page of the same view. */
  href: (page: number) => string;
};

export function Pager({ page, pages, href }: Props) {
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-6 flex items-center justify-between gap-3" data-testid="pager">
      {page > 1 ? (
        // No prefetch: each page is a dynamic render, and most views never turn one.
        <Link href={href(page - 1)} prefetch={false} aria-label="Previous page" className={BUTTON.secondary}>
          ← Previous
        </Link>
      ) : (
        <span aria-hidden="true" className={idle}>
          ← Previous
        </span>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Page {page} of {pages}
      </p>
      {page < pages ? (
        <Link href={href(page + 1)} prefetch={false} aria-label="Next page" className={BUTTON.secondary}>
          Next →
        </Link>
      ) : (
        <span aria-hidden="true" className={idle}>
          Next →
        </span>
      )}
    </nav>
  );
}
