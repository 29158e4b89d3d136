// In-app notifications: written by Gatehouse's jobs (expiry reminders, the admins' digest), read
// and marked read by the one person they are for. Each has a unique key, so that a job running on
// several instances at once, or again, sends it once.
import "server-only";
import type { Person } from "@/lib/access/caller";
import { db } from "@/lib/db";
import { readRows } from "@/lib/db-read";
import { unreadCountSql } from "./sql";
import { Prisma } from "@/lib/generated/prisma/client";

export type NewNotification = { userId: string; key: string; kind: string; title: string; body: string; link: string | null };

type Client = Pick<Prisma.TransactionClient, "notification">;

/** Whether the error is the unique key refusing a second copy of a notification. */
export function isDuplicate(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Sends one notification unless one with its key exists; returns whether this call sent it. */
export async function notify(notification: NewNotification, now: number, client: Client = db): Promise<boolean> {
  try {
    await client.notification.create({ data: { ...notification, createdAt: new Date(now) } });
    return true;
  } catch (error) {
    if (isDuplicate(error)) return false;
    throw error;
  }
}

/** Keys asked about in one query: well under SQLite's limit on bound parameters. */
const KEYS_PER_QUERY = 500;

/** The keys among `keys` that were already sent, so that a sweep skips them without a failed insert each. */
export async function sentKeys(keys: string[]): Promise<Set<string>> {
  const sent = new Set<string>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = await db.notification.findMany({ where: { key: { in: keys.slice(i, i + KEYS_PER_QUERY) } }, select: { key: true } });
    for (const row of rows) sent.add(row.key);
  }
  return sent;
}

export type NotificationView = { id: string; kind: string; title: string; body: string; link: string | null; createdAt: Date; read: boolean };

/** Newest first, at most `limit`; only the caller's own, by the where clause. */
export async function listNotifications(caller: Person, limit = 100): Promise<NotificationView[]> {
  const rows = await db.notification.findMany({
    where: { userId: caller.userId },
    select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map(({ readAt, ...row }) => ({ ...row, read: readAt !== null }));
}

export async function unreadCount(caller: Person): Promise<number> {
  const [row] = await readRows<{ count: number | bigint }>(unreadCountSql(caller.userId));
  return Number(row?.count ?? 0);
}

/** Marks every unread notification of the caller read; returns how many. */
export async function markAllRead(caller: Person, now = Date.now()): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId: caller.userId, readAt: null }, data: { readAt: new Date(now) } });
  return count;
}
