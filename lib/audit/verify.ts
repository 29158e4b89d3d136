// Walks the whole audit chain, oldest first, a page at a time, and names the first record that
// breaks it (lib/audit/chain.ts says how each is checked). `npm run audit:verify` and /admin/audit
// both call it.
import "server-only";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { checkRecord, type Broken, type StoredRecord } from "./chain";

export type ChainStatus =
  | { ok: true; records: number; head: string | null }
  | { ok: false; records: number; firstBroken: Broken };

const PAGE = 5_000;

export async function verifyChain(client: Pick<PrismaClient, "auditEvent"> = db, pepper?: string): Promise<ChainStatus> {
  let previous: string | null = null;
  let records = 0;
  let after = 0;
  for (;;) {
    const page: StoredRecord[] = await client.auditEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE });
    for (const record of page) {
      records++;
      const reason = checkRecord(record, previous, pepper);
      if (reason) return { ok: false, records, firstBroken: { id: record.id, reason } };
      if (record.hash !== null) previous = record.hash;
    }
    if (page.length < PAGE) return { ok: true, records, head: previous };
    after = page[page.length - 1]!.id;
  }
}
