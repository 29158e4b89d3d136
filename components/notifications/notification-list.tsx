// A person's notifications, newest first; an unread one is marked in words as well as weight.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { NotificationView } from "@/lib/monitor/notifications";

export function NotificationList({ notifications }: { notifications: NotificationView[] }) {
  if (notifications.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No notifications yet.</p>;
  return (
    <ul aria-label="Notifications" className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      {notifications.map((n) => (
        <li key={n.id} className="px-4 py-3 text-sm" data-unread={n.read ? undefined : "true"}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <p className={`min-w-0 break-words ${n.read ? "" : "font-semibold"}`}>
              {!n.read && (
                <>
                  <Badge tone="amber">new</Badge>{" "}
                </>
              )}
              {n.link ? (
                <Link href={n.link} prefetch={false} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                  {n.title}
                </Link>
              ) : (
                n.title
              )}
            </p>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              <RelativeTime time={n.createdAt} />
            </span>
          </div>
          {n.body && <p className="mt-1 whitespace-pre-line text-zinc-700 dark:text-zinc-300">{n.body}</p>}
        </li>
      ))}
    </ul>
  );
}
