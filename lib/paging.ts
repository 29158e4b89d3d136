// Pages of a list shown a page at a time (the homepage's devices, the admin's users): the page asked
// for in the query string, where a page starts and ends, and the line that says what is shown.

type Param = string | string[] | undefined;
type Params = Record<string, Param>;

/** A query parameter's value: the first where it is repeated. */
export const firstParam = (value: Param): string | undefined => (Array.isArray(value) ? value[0] : value);

/** The page asked for in the query string: a whole number from 1, anything else is page 1. */
export function parsePageParam(params: Params): number {
  const value = firstParam(params.page);
  if (!value || !/^\d{1,9}$/.test(value)) return 1;
  return Math.max(1, Number(value));
}

/** Where one page of a list lies: `first`/`last` count from 1 (0 when empty), `skip` from 0. */
export type PagePlace = { page: number; pages: number; first: number; last: number; total: number; skip: number };

/** The place of page `requested` of `total` items, `size` a page; a page past the end is the last one. */
export function pagePlace(total: number, requested: number, size: number): PagePlace {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pages);
  const skip = (page - 1) * size;
  const shown = Math.max(0, Math.min(size, total - skip));
  return { page, pages, first: shown ? skip + 1 : 0, last: skip + shown, total, skip };
}

/**
 * A list's URL for one page of a view: `query` holds the view's values, each left out where it is
 * empty (its default, for the caller to blank), and page 1 has no number.
 */
export function listHref(path: string, query: Record<string, string>, page: number): string {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ""));
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * "Showing 1–48 of 1,000 devices", or with a search or filter "Showing 1–37 of 37 matching, 1,000 in
 * all"; `noun` is the singular and plural of what is listed.
 */
export function showingText(page: Pick<PagePlace, "first" | "last" | "total">, all: number, noun: [string, string]): string {
  const name = all === 1 ? noun[0] : noun[1];
  if (page.total === 0) return `None of ${count(all)} ${name} match`;
  const range = page.first === page.last ? count(page.first) : `${count(page.first)}–${count(page.last)}`;
  if (page.total === all) return `Showing ${range} of ${count(all)} ${name}`;
  return `Showing ${range} of ${count(page.total)} matching, ${count(all)} in all`;
}
