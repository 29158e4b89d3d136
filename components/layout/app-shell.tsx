// The signed-in frame: header with navigation (the admin area for admins only, with its count of
// unacknowledged alerts), notifications, theme and sign-out.
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { RoleBadge } from "@/components/ui/role-badge";
import type { Person } from "@/lib/access/caller";
import { navCounts } from "@/lib/server/nav-counts";
import { NavLink } from "./nav-link";
import { RouteProgress } from "./route-progress";

export async function AppShell({ user, children }: { user: Person; children: React.ReactNode }) {
  const counts = await navCounts(user);
  return (
    <div className="flex min-h-dvh flex-col">
      <RouteProgress />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900"
      >
        Skip to content
      </a>
      <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
            <span aria-hidden className="inline-block size-6 rounded-md bg-sky-600" />
            Gatehouse
          </Link>
          <nav aria-label="Main" className="order-3 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
            <NavLink href="/">Devices</NavLink>
            <NavLink href="/settings/tokens">Tokens</NavLink>
            <NavLink href="/docs/api">API</NavLink>
            <NavLink href="/notifications" count={{ value: counts.notifications, label: "unread" }}>
              Notifications
            </NavLink>
            <NavLink href="/settings/password">Account</NavLink>
            {counts.alerts !== null && (
              <NavLink href="/admin" count={{ value: counts.alerts, label: "unacknowledged alerts" }}>
                Admin
              </NavLink>
            )}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-sm text-zinc-600 sm:inline dark:text-zinc-400" data-testid="current-user">
              {user.name}
            </span>
            <RoleBadge role={user.role} />
            <ThemeToggle />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
