// Reading the audit log: one filter for the page, the export and the API, newest first, a page at
// a time by id (a keyset, so that records appended meanwhile never shift a page), for audit:read only.
import "server-only";
import { z } from "zod";
import type { Person, TokenCaller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { chainedSelect, type ChainedFields } from "./chain";
import { chainStatus, type ChainStatus } from "./verify";

export const OUTCOMES = ["success", "failure", "denied"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 200;

/** The years a filter's time may name: an offset can push 0000 or 9999 out of what the database takes. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(10_000, 0, 1);

/** A time in ISO 8601; one without an offset (as a datetime-local field sends it) is taken as UTC. */
const utcTime = z.iso
  .datetime({ offset: true, local: true, error: "A date and time such as 2026-12-01T09:30:00Z" })
  .transform((text) => new Date(/(Z|[+-]\d\d:\d\d)$/i.test(text) ? text : `${text}Z`))
  .refine((time) => time.getTime() >= EARLIEST && time.getTime() < LATEST, "A time between the years 1970 and 9999");

/** A filter's text: PostgreSQL cannot compare a NUL, so it is refused on both engines, as the device API does. */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !text.includes("\u0000"), "May not contain a NUL character");

/** The filter's fields, for the page's schema and the API's strict one alike. */
export const auditFilterFields = {
  from: utcTime.optional().meta({ description: "Records at or after this time (ISO 8601; no offset means UTC)" }),
  to: utcTime.optional().meta({ description: "Records before this time (exclusive)" }),
  actor: filterText(254).optional().meta({ description: "A user's id or email (their own and their tokens' records), or a token's id" }),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/, "An action such as token.revoked, or a prefix ending in a dot such as token.")
    .max(64)
    .optional()
    .meta({ description: "An action, exactly, or a prefix ending in \".\" such as \"token.\"" }),
  target: filterText(128).optional().meta({ description: "The target's id, exactly" }),
  targetType: filterText(32).optional().meta({ description: "The target's type, such as token, user or device" }),
  outcome: z.enum(OUTCOMES).optional(),
};

type Ranged = { from?: Date; to?: Date };

/** `from` must come before `to`. */
export function checkRange(value: Ranged, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from >= value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Must be after From" });
}

export const AuditFilter = z.object(auditFilterFields).superRefine(checkRange);
export type AuditFilter = z.output<typeof AuditFilter>;

export const auditPageFields = {
  cursor: z.coerce.number().int().positive().optional().meta({ description: "The nextCursor of the previous page: records older than it" }),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(DEFAULT_AUDIT_PAGE).meta({ description: `Page size, at most ${MAX_AUDIT_PAGE}` }),
};

/**
 * A query string as the schemas' input: the first of a repeated name, and an empty field (a GET
 * form sends every field) left out rather than refused.
 */
export function queryInput(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.keys()].map((key) => [key, params.get(key)] as const) : Object.entries(params);
  const input: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== null && first.trim() !== "") input[key] = first;
  }
  return input;
}

/** Which page: older than `cursor`, or (the page's Newer link) newer than `after`. */
export type AuditPageRequest = { cursor?: number; after?: number; limit?: number };

/** A record as shown: its chained fields with the time as ISO text and the detail parsed, its id and hash, and the actor's email. */
export type AuditItem = Omit<ChainedFields, "at" | "detail"> & {
  id: number;
  at: string;
  actorEmail: string | null;
  detail: Record<string, unknown>;
  hash: string | null;
};

export type AuditPage = {
  items: AuditItem[];
  /** Pass as `cursor` for the next, older page; null on the oldest. */
  nextCursor: string | null;
  /** Pass as `after` for the newer page before this one; null on the newest. */
  newerCursor: string | null;
};

type Reader = Person | TokenCaller;

/** One page of the records that match the filter, newest first. */
export async function listAudit(caller: Reader, filter: AuditFilter, page: AuditPageRequest = {}): Promise<AuditPage> {
  assertScope(caller, "audit:read");
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? DEFAULT_AUDIT_PAGE), 1), MAX_AUDIT_PAGE);
  const where = await whereOf(filter);
  if (!where) return { items: [], nextCursor: null, newerCursor: null };
  return readPage(where, page, limit);
}

/** Every matching record, newest first, `size` at a time: for the export, which streams them. */
export function allAuditPages(caller: Reader, filter: AuditFilter, size = 1000): AsyncGenerator<AuditItem[]> {
  // Checked now, not at the first page: a generator's body runs only once it is read.
  assertScope(caller, "audit:read");
  return pagesOf(filter, size);
}

async function* pagesOf(filter: AuditFilter, size: number): AsyncGenerator<AuditItem[]> {
  const where = await whereOf(filter);
  if (!where) return;
  let cursor: number | undefined;
  do {
    const page = await readPage(where, { cursor }, size, false);
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor === null ? undefined : Number(page.nextCursor);
  } while (cursor !== undefined);
}

/** The hash chain's state, for the page and GET /audit/verify. */
export async function auditChainStatus(caller: Reader): Promise<ChainStatus> {
  assertScope(caller, "audit:read");
  return chainStatus();
}

/** The filter as a where clause; null when it can match nothing (an email no one has). */
async function whereOf(filter: AuditFilter): Promise<Prisma.AuditEventWhereInput | null> {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.from || filter.to) where.at = { ...(filter.from && { gte: filter.from }), ...(filter.to && { lt: filter.to }) };
  if (filter.actor) {
    if (filter.actor.includes("@")) {
      const user = await db.user.findUnique({ where: { email: filter.actor.toLowerCase() }, select: { id: true } });
      if (!user) return null;
      where.actorId = user.id;
    } else {
      where.OR = [{ actorId: filter.actor }, { tokenId: filter.actor }];
    }
  }
  if (filter.action) where.action = filter.action.endsWith(".") ? prefixRange(filter.action) : filter.action;
  if (filter.target) where.targetId = filter.target;
  if (filter.targetType) where.targetType = filter.targetType;
  if (filter.outcome) where.outcome = filter.outcome;
  return where;
}

/**
 * Every string that starts with `prefix`, as a range (prefix ≤ s < prefix with its last character
 * raised by one), which the (action, at) index serves; SQLite's LIKE, case-blind, would not.
 */
function prefixRange(prefix: string): Prisma.StringFilter {
  const last = prefix.charCodeAt(prefix.length - 1);
  return { gte: prefix, lt: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

const select = { id: true, ...chainedSelect, hash: true } satisfies Prisma.AuditEventSelect;

async function readPage(where: Prisma.AuditEventWhereInput, page: AuditPageRequest, limit: number, lookNewer = true): Promise<AuditPage> {
  const newer = page.after !== undefined && page.cursor === undefined;
  const rows = await db.auditEvent.findMany({
    where: { ...where, ...(newer ? { id: { gt: page.after } } : page.cursor !== undefined ? { id: { lt: page.cursor } } : {}) },
    orderBy: { id: newer ? "asc" : "desc" },
    take: limit + 1,
    select,
  });
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  if (newer) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  // Going newer, `more` says there is a newer page still; going older, that there is an older one.
  const older = newer ? last !== undefined && (await hasRecord(where, { lt: last.id })) : more;
  const newerExists = newer ? more : lookNewer && first !== undefined && page.cursor !== undefined && (await hasRecord(where, { gt: first.id }));
  return {
    items: await withEmails(shown),
    nextCursor: older && last ? String(last.id) : null,
    newerCursor: newerExists && first ? String(first.id) : null,
  };
}

async function hasRecord(where: Prisma.AuditEventWhereInput, id: Prisma.IntFilter): Promise<boolean> {
  return (await db.auditEvent.findFirst({ where: { ...where, id }, select: { id: true } })) !== null;
}

type Row = Prisma.AuditEventGetPayload<{ select: typeof select }>;

/** The rows as DTOs, each actor with their email, for display. */
async function withEmails(rows: Row[]): Promise<AuditItem[]> {
  const ids = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => id !== null))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return rows.map((row) => ({
    ...row,
    at: row.at.toISOString(),
    actorEmail: row.actorId ? (emails.get(row.actorId) ?? null) : null,
    detail: parseDetail(row.detail),
  }));
}

/** A record's detail as an object; text that is not a JSON object is kept, under `text`. */
function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Falls through: shown as it is stored.
  }
  return { text };
}
