// Walks the whole audit chain, oldest first, a page at a time, and names the first record that
// breaks it (lib/audit/chain.ts says how each is checked). `npm run audit:verify` and /admin/audit
// both call it.
import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { MINUTE_MS } from "@/lib/time";
import { checkRecord, type Broken, type StoredRecord } from "./chain";

export type ChainStatus =
  | { ok: true; records: number; head: string | null }
  | { ok: false; records: number; firstBroken: Broken };

const PAGE = 5_000;

/** Checks the whole chain, or (given where an earlier check ended) only the records after it. */
export async function verifyChain(client: Pick<PrismaClient, "auditEvent"> = db, pepper?: string, from?: Checked): Promise<ChainStatus & { lastId: number }> {
  let previous: string | null = from?.head ?? null;
  let records = from?.records ?? 0;
  let after = from?.lastId ?? 0;
  for (;;) {
    const page: StoredRecord[] = await client.auditEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE });
    for (const record of page) {
      records++;
      const reason = checkRecord(record, previous, pepper);
      if (reason) return { ok: false, records, firstBroken: { id: record.id, reason }, lastId: record.id };
      if (record.hash !== null) previous = record.hash;
      after = record.id;
    }
    if (page.length < PAGE) return { ok: true, records, head: previous, lastId: after };
  }
}

type Checked = { head: string | null; records: number; lastId: number };

/** A whole check at most this often for the page; in between, only the records appended since. */
export const FULL_CHECK_MS = 10 * MINUTE_MS;

const cache = globalThis as unknown as { gatehouseChainCheck?: Checked & { fullAt: number } };

/**
 * The chain's status for /admin/audit and the API, without re-reading the whole log on every view:
 * new records are checked as they come, and the whole chain again every FULL_CHECK_MS, so an edit
 * to an old record shows within that time. `npm run audit:verify` always checks it all.
 */
export async function chainStatus(now = Date.now()): Promise<ChainStatus> {
  const known = cache.gatehouseChainCheck;
  const incremental = known && now - known.fullAt < FULL_CHECK_MS ? known : undefined;
  const status = await verifyChain(db, undefined, incremental);
  if (status.ok) cache.gatehouseChainCheck = { head: status.head, records: status.records, lastId: status.lastId, fullAt: incremental?.fullAt ?? now };
  else delete cache.gatehouseChainCheck;
  return status.ok ? { ok: true, records: status.records, head: status.head } : { ok: false, records: status.records, firstBroken: status.firstBroken };
}
