// Search by name or email, and filters by role and status, for the users page. They apply as they
// change and live in the URL (LiveFilterForm); without JavaScript the form submits with its
// button. A new search or filter starts again at page 1: the form has no page field.
import { FILTER_CONTROL, FILTER_LABEL, FilterButtons, FilterSelect, NoMatch } from "@/components/ui/filter-parts";
import { LiveFilterForm } from "@/components/ui/live-filter-form";
import { isUserFilterSet, MAX_USER_SEARCH_LENGTH, NO_USER_FILTER, userListHref, type UserFilter } from "@/lib/auth/user-filter";

const CLEARED = userListHref(NO_USER_FILTER, 1);
const ROLES: Record<UserFilter["role"], string> = { all: "All", ADMIN: "Admin", STANDARD: "Standard" };
const STATUSES: Record<UserFilter["status"], string> = { all: "All", active: "Active", invited: "Invitation pending", disabled: "Disabled" };

export function UserFilters({ filter }: { filter: UserFilter }) {
  return (
    <LiveFilterForm label="Users" defaults={{ role: "all", status: "all" }} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="user-search" className={FILTER_LABEL}>Search</label>
        <input id="user-search" type="search" name="q" defaultValue={filter.q} maxLength={MAX_USER_SEARCH_LENGTH} placeholder="Name or email" autoComplete="off" className={FILTER_CONTROL} />
      </div>
      <FilterSelect id="user-role" name="role" label="Role" value={filter.role} options={ROLES} />
      <FilterSelect id="user-status" name="status" label="Status" value={filter.status} options={STATUSES} />
      <FilterButtons clearHref={isUserFilterSet(filter) ? CLEARED : undefined} />
    </LiveFilterForm>
  );
}

/** Where a search or filter matches no users: say so, and offer the way back to all of them. */
export function NoUsersMatch() {
  return <NoMatch what="users" clearHref={CLEARED} />;
}
