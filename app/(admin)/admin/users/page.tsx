// The users, a page of 50 at a time, searched by name or email and filtered by role and status
// (all in the URL), each with role and disable controls, a new set-password link and a link to
// their tokens, a card each on a phone; and the form that creates a user. An admin's own row
// shows the changes Gatehouse would refuse them as disabled, with the reason.
import type { Metadata } from "next";
import Link from "next/link";
import { DisableForm } from "@/components/users/disable-form";
import { NewUserForm } from "@/components/users/new-user-form";
import { NoUsersMatch, UserFilters } from "@/components/users/user-filters";
import { PasswordLinkForm } from "@/components/users/password-link-form";
import { RoleForm } from "@/components/users/role-form";
import { Badge } from "@/components/ui/badge";
import { CardCell, CardRow, CardTable, CardTitle } from "@/components/ui/card-table";
import { RoleBadge } from "@/components/ui/role-badge";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { RelativeTime } from "@/components/ui/relative-time";
import { PASSWORD_LINK_TTL_MS } from "@/lib/auth/password-links";
import { requireAdmin } from "@/lib/auth/session";
import { parseUserFilter, userListHref } from "@/lib/auth/user-filter";
import { listUsers, type UserPage } from "@/lib/auth/users";
import { parsePageParam, showingText } from "@/lib/paging";
import { HOUR_MS } from "@/lib/time";
import { changeRoleAction, createUserAction, issuePasswordLinkAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

const COLUMNS = ["Name", "Email", "Role", "Devices", "Status", "Joined", "Change role", "Access", "Password", "Tokens"];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const filter = parseUserFilter(params);
  const shown = await listUsers(admin, filter, parsePageParam(params));
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in to Gatehouse: their role, their access and their tokens." />
      <section aria-labelledby="new-user-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="new-user-heading" className="font-medium">New user</h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          They get no password: you are shown a one-time link, valid for {PASSWORD_LINK_TTL_MS / HOUR_MS} hours, for them to set one.
        </p>
        <NewUserForm action={createUserAction} />
      </section>
      <UserFilters filter={filter} />
      <p aria-live="polite" className="mb-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="user-count">
        {showingText(shown, shown.all, ["user", "users"])}
      </p>
      {shown.total === 0 ? <NoUsersMatch /> : <Users users={shown.users} adminId={admin.userId} />}
      <Pager page={shown.page} pages={shown.pages} href={(n) => userListHref(filter, n)} />
    </>
  );
}

function Users({ users, adminId }: { users: UserPage["users"]; adminId: string }) {
  return (
    <CardTable caption="Users" columns={COLUMNS}>
      {users.map((user) => {
        // The refusals lib/auth/users.ts makes for an admin's own account, said before they are tried.
        const self = user.id === adminId;
        return (
          <CardRow key={user.id} data-user-id={user.id}>
            <CardTitle>{user.name}{self && <span className="font-normal text-zinc-600 dark:text-zinc-400"> (you)</span>}</CardTitle>
            <CardCell label="Email" className="break-all">{user.email}</CardCell>
            <CardCell label="Role"><RoleBadge role={user.role} /></CardCell>
            <CardCell label="Devices" className="tabular-nums">{user.deviceCount}</CardCell>
            <CardCell label="Status">
              {user.disabledAt ? (
                <Badge tone="red">Disabled</Badge>
              ) : user.hasPassword ? (
                <Badge tone="green">Active</Badge>
              ) : (
                <Badge tone="amber">Invitation pending</Badge>
              )}
            </CardCell>
            <CardCell label="Joined" className="lg:whitespace-nowrap"><RelativeTime time={user.createdAt} /></CardCell>
            <CardCell label="Change role">
              <RoleForm action={changeRoleAction} userId={user.id} userName={user.name} role={user.role} lockedReason={self ? "You cannot remove your own admin role." : undefined} />
            </CardCell>
            <CardCell label="Access">
              <DisableForm action={setDisabledAction} userId={user.id} userName={user.name} disabled={user.disabledAt !== null} lockedReason={self ? "You cannot disable yourself." : undefined} />
            </CardCell>
            <CardCell label="Password">
              {/* A disabled user cannot set a password: enable them first. */}
              {user.disabledAt ? (
                <span className="text-xs text-zinc-600 dark:text-zinc-400">Enable them first</span>
              ) : (
                <PasswordLinkForm action={issuePasswordLinkAction} userId={user.id} userName={user.name} />
              )}
            </CardCell>
            <CardCell label="Tokens">
              <Link
                href={`/admin/users/${user.id}/tokens`}
                aria-label={`Tokens of ${user.name}`}
                className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
              >
                Tokens
              </Link>
            </CardCell>
          </CardRow>
        );
      })}
    </CardTable>
  );
}
