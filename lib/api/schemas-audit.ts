// The audit routes' shapes: the query is the page's filter (lib/audit/query.ts) with a cursor and a
// limit; the responses document the records and the chain's state.
import { z } from "zod";
import { auditFilterFields, auditPageFields, checkRange, OUTCOMES } from "@/lib/audit/query";

const isoTime = z.iso.datetime({ offset: true });
const text = z.string().nullable();

export const AuditQuery = z
  .object({ ...auditFilterFields, ...auditPageFields })
  .strict()
  .superRefine(checkRange);

export const AuditRecord = z
  .object({
    id: z.number().int(),
    at: isoTime,
    actorType: z.enum(["user", "token", "system", "anonymous"]),
    actorId: text.meta({ description: "The user: the person, or the token's owner" }),
    actorEmail: text,
    tokenId: text,
    action: z.string(),
    targetType: text,
    targetId: text,
    ip: text,
    userAgent: text,
    outcome: z.enum(OUTCOMES),
    detail: z.record(z.string(), z.unknown()),
    hash: text.meta({ description: "The record's link in the hash chain (hex SHA-256)" }),
  })
  .meta({ id: "AuditRecord" });

export const AuditPage = z
  .object({ items: z.array(AuditRecord), nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for older records; null on the oldest page" }) })
  .meta({ id: "AuditPage" });

export const AuditChainStatus = z
  .discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), records: z.number().int(), head: text.meta({ description: "The newest record's hash" }) }),
    z.object({ ok: z.literal(false), records: z.number().int(), firstBroken: z.object({ id: z.number().int(), reason: z.string() }) }),
  ])
  .meta({ id: "AuditChainStatus" });
