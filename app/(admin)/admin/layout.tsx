// The admin frame: only admins get past it; others are sent to the homepage.
import { AdminNav } from "@/components/layout/admin-nav";
import { AppShell } from "@/components/layout/app-shell";
import { requireAdmin } from "@/lib/auth/session";
import { navCounts } from "@/lib/server/nav-counts";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <AppShell user={user}>
      <AdminNav openAlerts={(await navCounts(user)).alerts ?? 0} />
      {children}
    </AppShell>
  );
}
