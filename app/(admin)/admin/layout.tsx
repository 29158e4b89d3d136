// The admin frame: only admins get past it; others are sent to the homepage.
import { AdminNav } from "@/components/layout/admin-nav";
import { AppShell } from "@/components/layout/app-shell";
import { requireAdmin } from "@/lib/auth/session";
import { openAlertCount } from "@/lib/monitor/alerts";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <AppShell user={user}>
      <AdminNav openAlerts={await openAlertCount(user)} />
      {children}
    </AppShell>
  );
}
