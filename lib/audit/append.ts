// Appends one audit record to the hash chain. Callers pass their transaction client, so that a
// change and its record commit together: when the record cannot be written the change does not
// happen either, and the caller answers 503 (AuditUnavailable).
import "server-only";
import type { Caller, System } from "@/lib/access/caller";
import { db, isBusy, lostRace, transaction } from "@/lib/db";
import { advisoryLocksSql } from "@/lib/sql-dialect";
import type { Prisma } from "@/lib/generated/prisma/client";
import { chainHash, chainMac, GENESIS, type ChainedFields } from "./chain";
import { requestContext } from "./context";

/** Someone not (yet) known: a sign-in attempt, a request with a token that is not valid. */
export type Anonymous = { type: "anonymous"; ip: string | null };

/** A person known only by id, as at sign-out, where the session is all there is. */
export type UserById = { type: "user"; userId: string; ip: string | null };

export type Actor = Caller | System | Anonymous | UserById;

export type Outcome = "success" | "failure" | "denied";

export type AuditInput = {
  /** A person, a token (recorded as its owner, with the token's id), Gatehouse itself, or someone unknown. */
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  detail?: Record<string, unknown>;
  outcome?: Outcome;
  /** When it happened; now unless the record summarises earlier events. */
  at?: Date;
};

type Client = Prisma.TransactionClient;

/** What a form says when its change could not be audited. */
export const AUDIT_UNAVAILABLE_MESSAGE = "The audit log could not be written, so nothing was changed. Try again shortly.";

/** The audit log could not be written, so the change it would have recorded was not made. */
export class AuditUnavailable extends Error {
  override name = "AuditUnavailable";
  constructor(cause: unknown) {
    super("The audit log could not be written, so nothing was changed", { cause });
  }
}

/** The record's fields, from the actor and the request being served. */
export function recordOf(input: AuditInput): ChainedFields {
  const { actor } = input;
  const context = requestContext();
  const known = actor !== "system" && actor.type !== "anonymous" ? actor : null;
  return {
    at: input.at ?? new Date(),
    actorType: actor === "system" ? "system" : actor.type === "person" ? "user" : actor.type,
    actorId: known?.userId ?? null,
    tokenId: known?.type === "token" ? known.tokenId : null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    ip: actor === "system" ? null : (actor.ip ?? context?.ip ?? null),
    userAgent: actor === "system" ? null : (context?.userAgent ?? null),
    outcome: input.outcome ?? "success",
    detail: JSON.stringify(input.detail ?? {}),
  };
}

/**
 * Appends within the caller's transaction, or in one of its own. A busy database, or a race lost to
 * another instance's append on the same chain head (PostgreSQL: prevHash is unique), is passed on
 * as it is, for the transaction to run again; any other failure becomes AuditUnavailable.
 */
export async function appendAudit(input: AuditInput, client?: Client): Promise<void> {
  await appendRecords([recordOf(input)], client);
}

export async function appendRecords(records: ChainedFields[], client?: Client): Promise<void> {
  if (records.length === 0) return;
  try {
    // The default client is not a transaction: reading the head and appending must be one.
    if (client && client !== (db as unknown)) await chain(client, records);
    else await transaction((tx) => chain(tx, records));
  } catch (error) {
    if (isBusy(error) || lostRace(error) || error instanceof AuditUnavailable) throw error;
    throw new AuditUnavailable(error);
  }
}

type Head = { hash: string };

/** PostgreSQL: appends on the one chain take turns, across instances (SQLite's one writer does this). */
const CHAIN_LOCK = advisoryLocksSql(["audit chain"]);

async function chain(tx: Client, records: ChainedFields[]): Promise<void> {
  // Held until the transaction ends, so that the head read below is still the head at commit.
  if (CHAIN_LOCK) await tx.$executeRaw(CHAIN_LOCK);
  // A record without a hash after the chain began was written around the app: it is left out of
  // the chain, and audit:verify names it.
  const [head] = await tx.$queryRaw<Head[]>`SELECT "hash" FROM "AuditEvent" WHERE "hash" IS NOT NULL ORDER BY "id" DESC LIMIT 1`;
  let prevHash = head?.hash ?? (await sealLegacy(tx));
  const rows = records.map((record) => {
    const hash = chainHash(prevHash, record);
    const row = { ...record, prevHash, hash, mac: chainMac(hash) };
    prevHash = hash;
    return row;
  });
  // In order: ids follow the chain. createMany inserts in the order given, many rows a statement.
  await tx.auditEvent.createMany({ data: rows });
}

/**
 * Records written before the chain existed (by an older Gatehouse) are chained once, in order, by
 * the first append after the migration, while no record has a hash yet; the triggers let a record
 * without a hash gain one, and nothing else. Returns the new head.
 */
async function sealLegacy(tx: Client): Promise<string> {
  const legacy = await tx.auditEvent.findMany({ where: { hash: null }, orderBy: { id: "asc" } });
  let prevHash = GENESIS;
  for (const record of legacy) {
    const hash = chainHash(prevHash, record);
    await tx.auditEvent.update({ where: { id: record.id }, data: { prevHash, hash, mac: chainMac(hash) } });
    prevHash = hash;
  }
  return prevHash;
}
