// The audit log's hash chain. Each record's hash is the SHA-256 of the previous record's hash
// joined with the record's own canonical JSON, so that an edit, a deletion or an insertion in the
// middle breaks every link after it; each record's mac, an HMAC-SHA-256 of its hash under a key
// derived from TOKEN_PEPPER, makes a record forged at the end (with a correct hash) fail too.
import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The previous hash of the first chained record. */
export const GENESIS = "0".repeat(64);

/**
 * The fields a hash covers: all but id (assigned on insert; the links order the chain) and the
 * chain's own. Also the select of a reader that shows them; detail is JSON text, as stored.
 */
export const chainedSelect = {
  at: true,
  actorType: true,
  actorId: true,
  tokenId: true,
  action: true,
  targetType: true,
  targetId: true,
  ip: true,
  userAgent: true,
  outcome: true,
  detail: true,
} as const satisfies Prisma.AuditEventSelect;

export type ChainedFields = Prisma.AuditEventGetPayload<{ select: typeof chainedSelect }>;

/** The record as one JSON text with its keys in a fixed (sorted) order and its time in UTC ISO form. */
export function canonicalJson(record: ChainedFields): string {
  const { action, actorId, actorType, at, detail, ip, outcome, targetId, targetType, tokenId, userAgent } = record;
  return JSON.stringify({ action, actorId, actorType, at: at.toISOString(), detail, ip, outcome, targetId, targetType, tokenId, userAgent });
}

export function chainHash(prevHash: string, record: ChainedFields): string {
  return crypto.createHash("sha256").update(prevHash).update(canonicalJson(record)).digest("hex");
}

let macKey: Buffer | undefined;

/** HMAC of a record's hash under a key of its own, derived from the pepper with HKDF. */
export function chainMac(hash: string, pepper = env.TOKEN_PEPPER): string {
  const key = pepper === env.TOKEN_PEPPER ? (macKey ??= deriveKey(pepper)) : deriveKey(pepper);
  return crypto.createHmac("sha256", key).update(hash).digest("hex");
}

function deriveKey(pepper: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", pepper, "gatehouse", "audit chain mac v1", 32));
}

export type StoredRecord = ChainedFields & { id: number; prevHash: string | null; hash: string | null; mac: string | null };

export type Broken = { id: number; reason: string };

/**
 * Checks one record against the hash before it (null: nothing chained yet). Returns why it breaks
 * the chain, or null when it holds.
 */
export function checkRecord(record: StoredRecord, previous: string | null, pepper?: string): string | null {
  if (record.hash === null) {
    return previous === null ? null : "it has no hash: it was written outside the chain, after the chain began";
  }
  const expectedPrev = previous ?? GENESIS;
  if (record.prevHash !== expectedPrev) {
    return previous === null
      ? "it does not start the chain: records before it are missing"
      : "its previous hash does not match the record before it: a record was deleted or inserted here";
  }
  if (chainHash(expectedPrev, record) !== record.hash) return "its contents do not match its hash: it was edited";
  if (record.mac !== chainMac(record.hash, pepper)) return "its mac is wrong: it was not written by Gatehouse (or TOKEN_PEPPER changed)";
  return null;
}
