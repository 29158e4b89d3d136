// The signed-in person's notifications: expiry reminders for their tokens and, for admins, the
// daily digest. Reading the page does not mark them read; the button does.
import type { Metadata } from "next";
import { MarkAllReadForm } from "@/components/notifications/mark-all-read-form";
import { NotificationList } from "@/components/notifications/notification-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listNotifications } from "@/lib/monitor/notifications";
import { markAllReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const notifications = await listNotifications(user);
  const unread = notifications.filter((n) => !n.read).length;
  return (
    <>
      <PageHeader title="Notifications" description="Reminders before your tokens expire, and what Gatehouse did about them.">
        <MarkAllReadForm action={markAllReadAction} unread={unread} />
      </PageHeader>
      <NotificationList notifications={notifications} />
    </>
  );
}
