import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await listUsers(admin);
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in to Gatehouse." />
      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Name</th>
              <th scope="col" className="px-4 py-2 font-medium">Email</th>
              <th scope="col" className="px-4 py-2 font-medium">Role</th>
              <th scope="col" className="px-4 py-2 font-medium">Devices</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Joined</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="px-4 py-2 font-medium">{user.name}</th>
                <td className="px-4 py-2">{user.email}</td>
                <td className="px-4 py-2">
                  <Badge tone={user.role === "ADMIN" ? "violet" : "zinc"}>{user.role === "ADMIN" ? "Admin" : "Standard"}</Badge>
                </td>
                <td className="px-4 py-2 tabular-nums">{user.deviceCount}</td>
                <td className="px-4 py-2">{user.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</td>
                <td className="px-4 py-2"><RelativeTime time={user.createdAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
