// The admin area's own sections, under the main navigation on every admin page. It wraps onto a
// second line on a phone rather than scrolling sideways.
import { NavLink } from "./nav-link";

export function AdminNav({ openAlerts }: { openAlerts: number }) {
  return (
    <nav aria-label="Admin" className="mb-6 flex flex-wrap gap-1 border-b border-zinc-200 pb-3 dark:border-zinc-800">
      <NavLink href="/admin" exact>
        Overview
      </NavLink>
      <NavLink href="/admin/users">Users</NavLink>
      <NavLink href="/admin/policies">Policies</NavLink>
      <NavLink href="/admin/audit">Audit log</NavLink>
      <NavLink href="/admin/usage">Usage</NavLink>
      <NavLink href="/admin/alerts" count={{ value: openAlerts, label: "unacknowledged" }}>
        Alerts
      </NavLink>
    </nav>
  );
}
