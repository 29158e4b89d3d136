// The monitor: reads the audit log as a feed from where it last got to, the minute's usage and the
// networks the usage flush found new, and raises what the rules find. Safe on several instances:
// alerts are keyed, the audit cursor only moves forward from where it was read, and each minute's
// volume check is claimed by one instance.
import "server-only";
import { db } from "@/lib/db";
import { DAY_MS, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { takeNewNetworks } from "@/lib/usage/counter";
import { raiseAlert, type AlertDraft } from "./alerts";
import {
  BASELINE_MINUTES,
  BURST_WINDOW_MS,
  REFUSAL_ACTIONS,
  SIGN_IN_ACTIONS,
  VOLUME_FLOOR,
  burstAlerts,
  newNetworkAlerts,
  revokedTokenAlerts,
  volumeAlerts,
  type FeedRecord,
} from "./rules";
import { minuteVolumesSql, type VolumeRow } from "./sql";

const AUDIT_CURSOR = "monitor.audit";
const VOLUME_CURSOR = "monitor.volume";
const FEED_ACTIONS = [...REFUSAL_ACTIONS, ...SIGN_IN_ACTIONS];
const BURST_ACTIONS = FEED_ACTIONS;
/** Audit records read a run at most; the rest wait for the next run. */
const FEED_BATCH = 2_000;
/** Records older than this when first read (a monitor that was down, a first run over an old log) are past being news. */
const FEED_MAX_AGE_MS = DAY_MS;
/** Usage is flushed every 5 s by each instance: a minute is checked once its counts have surely landed. */
const VOLUME_SETTLE_MS = 15 * SECOND_MS;

/** One run: the audit feed, then the new networks, then (once a minute, on one instance) the volume rule. Returns the alerts newly raised. */
export async function runMonitor(now = Date.now()): Promise<number> {
  let raised = await watchAuditFeed(now);
  raised += await raiseAll(newNetworkAlerts(takeNewNetworks(), now), now);
  const minute = Math.floor((now - VOLUME_SETTLE_MS) / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  if (await claimMinute(minute)) raised += await checkVolume(minute, now);
  return raised;
}

/** Reads the audit records after the cursor, raises what rules a, d and e find, and moves the cursor past them. */
export async function watchAuditFeed(now = Date.now()): Promise<number> {
  const after = await cursor(AUDIT_CURSOR);
  const head = (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
  if (head <= after) return 0;
  const rows = await db.auditEvent.findMany({
    where: { id: { gt: after, lte: head }, action: { in: FEED_ACTIONS } },
    orderBy: { id: "asc" },
    take: FEED_BATCH,
    select: SELECTED,
  });
  // Ids are given in commit order (SQLite has one writer at a time), so none below `head` can still appear.
  const upTo = rows.length === FEED_BATCH ? rows.at(-1)!.id : head;
  const fresh = rows.map(toRecord).filter((r) => r.at.getTime() >= now - FEED_MAX_AGE_MS);
  let raised = 0;
  if (fresh.length > 0) {
    const times = fresh.map((r) => r.at.getTime());
    const context = await db.auditEvent.findMany({
      where: { id: { lte: upTo }, action: { in: BURST_ACTIONS }, at: { gt: new Date(Math.min(...times) - BURST_WINDOW_MS), lte: new Date(Math.max(...times)) } },
      select: SELECTED,
    });
    raised = await raiseAll([...revokedTokenAlerts(fresh), ...burstAlerts(context.map(toRecord), after)], now);
  }
  // Conditional: if another instance moved it meanwhile, its run covered the same records.
  await db.jobCursor.updateMany({ where: { name: AUDIT_CURSOR, value: after }, data: { value: upTo } });
  return raised;
}

/** Rule c over one minute: the tokens busy in it against their 7 days before. */
export async function checkVolume(minute: number, now = Date.now()): Promise<number> {
  const rows = await db.$queryRaw<VolumeRow[]>(minuteVolumesSql(minute, minute - BASELINE_MINUTES * MINUTE_MS, VOLUME_FLOOR));
  const volumes = rows.map((r) => {
    const [sum, sumSquares] = JSON.parse(r.baseline) as [number, number];
    return { tokenId: r.tokenId, userId: r.userId, requests: Number(r.requests), sum, sumSquares };
  });
  return raiseAll(volumeAlerts(volumes, minute), now);
}

const SELECTED = { id: true, at: true, action: true, ip: true, tokenId: true, targetType: true, targetId: true, detail: true } as const;

function toRecord(row: Omit<FeedRecord, "detail"> & { detail: string }): FeedRecord {
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.detail);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) detail = parsed as Record<string, unknown>;
  } catch {}
  return { ...row, detail };
}

async function raiseAll(drafts: AlertDraft[], now: number): Promise<number> {
  let raised = 0;
  for (const draft of drafts) if (await raiseAlert(draft, now)) raised++;
  return raised;
}

/** The cursor's value, made (at 0) on the first run. */
async function cursor(name: string): Promise<number> {
  const row = await db.jobCursor.findUnique({ where: { name }, select: { value: true } });
  if (row) return row.value;
  await createCursor(name, 0);
  return (await db.jobCursor.findUniqueOrThrow({ where: { name }, select: { value: true } })).value;
}

/** Moves the volume cursor to this minute (kept in minutes: JobCursor holds a 32-bit integer); false if an instance already did. */
async function claimMinute(minute: number): Promise<boolean> {
  const value = minute / MINUTE_MS;
  const { count } = await db.jobCursor.updateMany({ where: { name: VOLUME_CURSOR, value: { lt: value } }, data: { value } });
  return count === 1 || (await createCursor(VOLUME_CURSOR, value));
}

/** False when another instance made it first (or it was there already). */
async function createCursor(name: string, value: number): Promise<boolean> {
  try {
    await db.jobCursor.create({ data: { name, value } });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") return false;
    throw error;
  }
}
