// The signed-in frame for every dashboard page; sends visitors without a session to sign in.
import { AppShell } from "@/components/layout/app-shell";
import { LeakCanary } from "@/components/layout/leak-canary";
import { requireUser } from "@/lib/auth/session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user}>
      <LeakCanary userId={user.userId} />
      {children}
    </AppShell>
  );
}
