// The audit page's links keep its filter in the query string: paging, clearing and the exports.

/** The filter's names in the query string, in the form's order. */
export const FILTER_KEYS = ["from", "to", "actor", "action", "targetType", "target", "outcome"] as const;

export type FilterValues = Partial<Record<(typeof FILTER_KEYS)[number] | "limit", string>>;

/** `path` with the filter's values (and any extra) as its query string. */
export function auditHref(path: string, values: FilterValues, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...values, ...extra })) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
