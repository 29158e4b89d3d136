// Stored anomaly alerts: raising one (once per key, however many instances find it), and the
// admins' list, count and acknowledgement.
import "server-only";
import type { Person } from "@/lib/access/caller";
import { assertAdmin } from "@/lib/access/checks";
import { appendAudit } from "@/lib/audit/append";
import { db, transaction } from "@/lib/db";
import { readRows } from "@/lib/db-read";
import { openAlertCountSql } from "./sql";
import { Refusal } from "@/lib/refusal";

export type Severity = "critical" | "warning" | "info";

/** What a rule found. `key` is rule + subject + time window: the same finding in the same window is one alert. */
export type AlertDraft = {
  rule: string;
  key: string;
  severity: Severity;
  title: string;
  /** "token", "address" or "email". */
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
};

/** Stores the alert unless its key is already stored; returns whether it was new. */
export async function raiseAlert(draft: AlertDraft, now = Date.now()): Promise<boolean> {
  try {
    await db.alert.create({ data: { ...draft, detail: JSON.stringify(draft.detail), createdAt: new Date(now) } });
    return true;
  } catch (error) {
    // Another instance (or an earlier run) raised it first: that alert stands for this one too.
    if ((error as { code?: unknown }).code === "P2002") return false;
    throw error;
  }
}

export const ALERT_STATUSES = ["open", "acknowledged", "all"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERTS_PAGE_SIZE = 25;

export type AlertView = {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
};

const WHERE = {
  open: { acknowledgedAt: null },
  acknowledged: { acknowledgedAt: { not: null } },
  all: {},
} as const;

/** A page (from 1) of alerts, newest first. A page past the end is the last page. */
export async function listAlerts(caller: Person, options: { status: AlertStatus; page: number }) {
  assertAdmin(caller, "see alerts");
  const where = WHERE[options.status];
  const total = await db.alert.count({ where });
  const pages = Math.max(1, Math.ceil(total / ALERTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(options.page)), pages);
  const rows = await db.alert.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * ALERTS_PAGE_SIZE,
    take: ALERTS_PAGE_SIZE,
    select: { id: true, rule: true, severity: true, title: true, subjectType: true, subjectId: true, detail: true, createdAt: true, acknowledgedAt: true, acknowledgedById: true },
  });
  const ackIds = [...new Set(rows.map((row) => row.acknowledgedById).filter((id): id is string => id !== null))];
  const names = new Map((await db.user.findMany({ where: { id: { in: ackIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const alerts: AlertView[] = rows.map(({ acknowledgedById, detail, severity, ...row }) => ({
    ...row,
    severity: severity as Severity,
    detail: parseDetail(detail),
    acknowledgedBy: acknowledgedById ? (names.get(acknowledgedById) ?? "a former user") : null,
  }));
  return { alerts, page, pages, total };
}

/** How many alerts nobody has acknowledged yet: the navigation's badge. */
export async function openAlertCount(caller: Person): Promise<number> {
  assertAdmin(caller, "see alerts");
  const [row] = await readRows<{ count: number | bigint }>(openAlertCountSql());
  return Number(row?.count ?? 0);
}

/** Marks an open alert seen, with its audit record in the same transaction. Already acknowledged: unchanged. */
export async function acknowledgeAlert(caller: Person, id: string, now = Date.now()): Promise<{ changed: boolean }> {
  assertAdmin(caller, "acknowledge alerts");
  return transaction(async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id }, select: { rule: true, severity: true, subjectType: true, subjectId: true } });
    if (!alert) throw new Refusal("No such alert", "not_found");
    // Conditional: of two admins pressing at once, one acknowledges and one record is written.
    const { count } = await tx.alert.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: new Date(now), acknowledgedById: caller.userId } });
    if (count === 0) return { changed: false };
    await appendAudit({ actor: caller, action: "alert.acknowledged", target: { type: "alert", id }, detail: alert }, tx);
    return { changed: true };
  });
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
