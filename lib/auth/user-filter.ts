// Search and filters for the admin's users page, from its query string, and the page's URLs. A
// deployment may hold thousands of people: the page shows one page of those that match.
import { z } from "zod";
import { firstParam as first, listHref } from "@/lib/paging";

export const USERS_PER_PAGE = 50;
export const ROLE_FILTERS = ["all", "ADMIN", "STANDARD"] as const;
/** Active: may sign in. Invited: has not yet set a password through their link. Disabled: may not sign in. */
export const USER_STATUS_FILTERS = ["all", "active", "invited", "disabled"] as const;
/** As long as the longest email address. */
export const MAX_USER_SEARCH_LENGTH = 254;

/** The page's query string: anything unexpected falls back to its default. */
const schema = z.object({
  q: z.string().trim().max(MAX_USER_SEARCH_LENGTH).catch(""),
  role: z.enum(ROLE_FILTERS).catch("all"),
  status: z.enum(USER_STATUS_FILTERS).catch("all"),
});

export type UserFilter = z.infer<typeof schema>;

export const NO_USER_FILTER: UserFilter = { q: "", role: "all", status: "all" };

type Params = Record<string, string | string[] | undefined>;

export function parseUserFilter(params: Params): UserFilter {
  return schema.parse({ q: first(params.q) ?? "", role: first(params.role) ?? "all", status: first(params.status) ?? "all" });
}

/** The users page's URL for one page of the same search and filters; defaults are left out. */
export function userListHref(filter: UserFilter, page: number): string {
  return listHref("/admin/users", { q: filter.q, role: filter.role === "all" ? "" : filter.role, status: filter.status === "all" ? "" : filter.status }, page);
}

export const isUserFilterSet = (filter: UserFilter) => filter.q !== "" || filter.role !== "all" || filter.status !== "all";
