// Every user, with role and disable controls and a link to their tokens.
import type { Metadata } from "next";
import Link from "next/link";
import { DisableForm } from "@/components/users/disable-form";
import { RoleForm } from "@/components/users/role-form";
import { Badge } from "@/components/ui/badge";
import { RoleBadge } from "@/components/ui/role-badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";
import { changeRoleAction, setDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await listUsers(admin);
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in to Gatehouse: their role, their access and their tokens." />
      {/* Focusable to scroll by keyboard at 360 px; relative to hold the sr-only labels inside it. */}
      <div
        role="region"
        aria-label="Users"
        tabIndex={0}
        className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
      >
        <table className="w-full min-w-[60rem] text-left text-sm">
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
                <td className="px-4 py-2">{user.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</td>
                <td className="px-4 py-2"><RelativeTime time={user.createdAt} /></td>
                <td className="px-4 py-2">
                  <RoleForm action={changeRoleAction} userId={user.id} userName={user.name} role={user.role} />
                </td>
                <td className="px-4 py-2">
                  <DisableForm action={setDisabledAction} userId={user.id} userName={user.name} disabled={user.disabledAt !== null} />
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
