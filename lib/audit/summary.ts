// High-volume events (refused tokens, scope denials, failed sign-ins) are summarised, not written
// one by one: anyone can send any number of them, and a record each would let a stranger turn every
// request into a database write and grow the log without limit. Each instance counts them in
// memory by everything a record holds but its time, and every few seconds (the "audit-summaries"
// job, lib/server/jobs.ts) writes one record per distinct event, with detail.count and the first
// and last time it happened, in one transaction.
import "server-only";
import type { ChainedFields } from "./chain";
import { appendRecords, recordOf, type AuditInput } from "./append";

type Pending = { record: ChainedFields; count: number; firstAt: Date; lastAt: Date };

/**
 * Distinct events held between flushes. Past it, events are still counted, but only by action,
 * in one overflow record each: an attacker varying addresses or tokens cannot exhaust memory.
 */
export const MAX_PENDING = 2_000;

type Counts = { pending: Map<string, Pending>; overflow: Map<string, { count: number; firstAt: Date; lastAt: Date }> };

// On globalThis: Next bundles this module once for route handlers and again for pages, actions and
// instrumentation (where the flush job runs), and all of them must count into the same maps.
const store = globalThis as unknown as { gatehouseAuditSummaries?: Counts };
const counts = (store.gatehouseAuditSummaries ??= { pending: new Map(), overflow: new Map() });

export function summariseAudit(input: AuditInput): void {
  const record = recordOf(input);
  const { at, ...rest } = record;
  const key = JSON.stringify(rest);
  const known = counts.pending.get(key);
  if (known) {
    known.count++;
    known.lastAt = at;
  } else if (counts.pending.size < MAX_PENDING) {
    counts.pending.set(key, { record, count: 1, firstAt: at, lastAt: at });
  } else {
    const dropped = counts.overflow.get(record.action) ?? { count: 0, firstAt: at, lastAt: at };
    dropped.count++;
    dropped.lastAt = at;
    counts.overflow.set(record.action, dropped);
  }
}

/** Writes what was counted since the last flush; on failure the counts wait for the next one. */
export async function flushAuditSummaries(): Promise<number> {
  if (counts.pending.size === 0 && counts.overflow.size === 0) return 0;
  const taken = counts.pending;
  const takenOverflow = counts.overflow;
  counts.pending = new Map();
  counts.overflow = new Map();
  const records = [...taken.values()].map(summaryRecord);
  for (const [action, { count, firstAt, lastAt }] of takenOverflow) {
    records.push({
      ...recordOf({ actor: "system", action: "audit.summary_overflow", outcome: "denied", at: lastAt }),
      detail: JSON.stringify({ of: action, count, firstAt: firstAt.toISOString(), lastAt: lastAt.toISOString(), limit: MAX_PENDING }),
    });
  }
  try {
    await appendRecords(records.sort((a, b) => a.at.getTime() - b.at.getTime()));
  } catch (error) {
    for (const [key, entry] of taken) mergeBack(key, entry);
    for (const [action, entry] of takenOverflow) if (!counts.overflow.has(action)) counts.overflow.set(action, entry);
    throw error;
  }
  return records.length;
}

function summaryRecord({ record, count, firstAt, lastAt }: Pending): ChainedFields {
  const detail = { ...(JSON.parse(record.detail) as Record<string, unknown>), count, firstAt: firstAt.toISOString(), lastAt: lastAt.toISOString() };
  return { ...record, at: lastAt, detail: JSON.stringify(detail) };
}

function mergeBack(key: string, entry: Pending): void {
  const current = counts.pending.get(key);
  if (!current) {
    counts.pending.set(key, entry);
    return;
  }
  current.count += entry.count;
  current.firstAt = entry.firstAt;
}
