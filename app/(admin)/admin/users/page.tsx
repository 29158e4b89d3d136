// Every user, with role and disable controls, a new set-password link and a link to their
// tokens; and the form that creates a user.
import type { Metadata } from "next";
import Link from "next/link";
import { DisableForm } from "@/components/users/disable-form";
import { NewUserForm } from "@/components/users/new-user-form";
import { PasswordLinkForm } from "@/components/users/password-link-form";
import { RoleForm } from "@/components/users/role-form";
import { Badge } from "@/components/ui/badge";
import { RoleBadge } from "@/components/ui/role-badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { PASSWORD_LINK_TTL_MS } from "@/lib/auth/password-links";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { HOUR_MS } from "@/lib/time";
import { changeRoleAction, createUserAction, issuePasswordLinkAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await listUsers(admin);
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
      {/* Focusable to scroll by keyboard at 360 px; relative to hold the sr-only labels inside it. */}
      <div
        role="region"
        aria-label="Users"
        tabIndex={0}
        className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
      >
        <table className="w-full min-w-[66rem] text-left text-sm">
          <thead className="text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Name</th>
              <th scope="col" className="px-4 py-2 font-medium">Email</th>
              <th scope="col" className="px-4 py-2 font-medium">Role</th>
              <th scope="col" className="px-4 py-2 font-medium">Devices</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Joined</th>
              <th scope="col" className="px-4 py-2 font-medium">Change role</th>
              <th scope="col" className="px-4 py-2 font-medium">Access</th>
              <th scope="col" className="px-4 py-2 font-medium">Password</th>
              <th scope="col" className="px-4 py-2 font-medium">Tokens</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <th scope="row" className="px-4 py-2 font-medium">{user.name}</th>
                <td className="px-4 py-2">{user.email}</td>
                <td className="px-4 py-2">
                  <RoleBadge role={user.role} />
                </td>
                <td className="px-4 py-2 tabular-nums">{user.deviceCount}</td>
                <td className="px-4 py-2">
                  {user.disabledAt ? (
                    <Badge tone="red">Disabled</Badge>
                  ) : user.hasPassword ? (
                    <Badge tone="green">Active</Badge>
                  ) : (
                    <Badge tone="amber">Invitation pending</Badge>
                  )}
                </td>
                <td className="px-4 py-2"><RelativeTime time={user.createdAt} /></td>
                <td className="px-4 py-2">
                  <RoleForm action={changeRoleAction} userId={user.id} userName={user.name} role={user.role} />
                </td>
                <td className="px-4 py-2">
                  <DisableForm action={setDisabledAction} userId={user.id} userName={user.name} disabled={user.disabledAt !== null} />
                </td>
                <td className="px-4 py-2">
                  {/* A disabled user cannot set a password: enable them first. */}
                  {!user.disabledAt && <PasswordLinkForm action={issuePasswordLinkAction} userId={user.id} userName={user.name} />}
                </td>
                <td className="px-4 py-2">
                  <Link
                    href={`/admin/users/${user.id}/tokens`}
                    aria-label={`Tokens of ${user.name}`}
                    className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
                  >
                    Tokens
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
