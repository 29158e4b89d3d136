// The counts the navigation shows: the person's unread notifications, and for an admin the alerts
// nobody has acknowledged. Two indexed COUNTs a page view.
import "server-only";
import { cache } from "react";
import type { Person } from "@/lib/access/caller";
import { openAlertCount } from "@/lib/monitor/alerts";
import { unreadCount } from "@/lib/monitor/notifications";

export type NavCounts = { notifications: number; alerts: number | null };

/** Once a request: the header and the admin area's own navigation both ask. */
export const navCounts = cache(async (person: Person): Promise<NavCounts> => {
  const [notifications, alerts] = await Promise.all([unreadCount(person), person.role === "ADMIN" ? openAlertCount(person) : null]);
  return { notifications, alerts };
});
