// The admin home's posture summary, and the facts the admins' daily digest reports: live personal
// and device tokens expiring soon or left idle, tokens holding scopes they do not use, and
// unacknowledged alerts.
import "server-only";
import type { Person, System } from "@/lib/access/caller";
import { assertAdmin } from "@/lib/access/checks";
import { db } from "@/lib/db";
import type { Prisma, TokenKind } from "@/lib/generated/prisma/client";
import { DAY_MS } from "@/lib/time";
import { tokenAdvice, type Advice, type ScopesOfRoute } from "./advisor";
import { liveOwnedTokens as live } from "./live";

/** Unused for longer than this, a token shows as idle here, before the policy disables it. */
export const IDLE_DAYS = 30;

export type TokenLine = { id: string; name: string; kind: TokenKind; userId: string; ownerName: string; expiresAt: Date; lastUsedAt: Date | null };

type Listed = { count: number; tokens: TokenLine[] };

export type PostureFacts = { expiring7: Listed; expiring30: Listed; idle: Listed; openAlerts: number };

export type PostureSummary = PostureFacts & { overPrivileged: { count: number; tooNew: number; advice: Advice[] } };

const select = {
  id: true,
  name: true,
  kind: true,
  userId: true,
  expiresAt: true,
  lastUsedAt: true,
  user: { select: { name: true } },
} as const;

async function listed(where: Prisma.ApiTokenWhereInput, orderBy: Prisma.ApiTokenOrderByWithRelationInput[], limit: number): Promise<Listed> {
  const [count, rows] = await Promise.all([
    db.apiToken.count({ where }),
    db.apiToken.findMany({ where, select, orderBy, take: limit }),
  ]);
  return { count, tokens: rows.map(({ user, ...row }) => ({ ...row, ownerName: user.name })) };
}

/** Counts, and the first `limit` tokens of each list; for an admin, or for Gatehouse's digest. */
export async function postureFacts(caller: Person | System, now: number, limit = 20): Promise<PostureFacts> {
  if (caller !== "system") assertAdmin(caller, "see the posture summary");
  const idleCutoff = new Date(now - IDLE_DAYS * DAY_MS);
  const soonest: Prisma.ApiTokenOrderByWithRelationInput[] = [{ expiresAt: "asc" }, { id: "asc" }];
  const [expiring7, expiring30, idle, openAlerts] = await Promise.all([
    listed({ ...live(now), expiresAt: { gt: new Date(now), lte: new Date(now + 7 * DAY_MS) } }, soonest, limit),
    listed({ ...live(now), expiresAt: { gt: new Date(now), lte: new Date(now + 30 * DAY_MS) } }, soonest, limit),
    listed(
      { ...live(now), OR: [{ lastUsedAt: { lt: idleCutoff } }, { lastUsedAt: null, createdAt: { lt: idleCutoff } }] },
      [{ lastUsedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
      limit,
    ),
    db.alert.count({ where: { acknowledgedAt: null } }),
  ]);
  return { expiring7, expiring30, idle, openAlerts };
}

/** Everything the admin home shows; `scopesOfRoute` comes from the API's routes (see advisor.ts). */
export async function postureSummary(caller: Person, scopesOfRoute: ScopesOfRoute, now = Date.now()): Promise<PostureSummary> {
  assertAdmin(caller, "see the posture summary");
  const [facts, advice] = await Promise.all([postureFacts(caller, now), tokenAdvice(caller, scopesOfRoute, {}, now)]);
  const judged = advice.filter((a) => a.verdict !== "too_new");
  return { ...facts, overPrivileged: { count: judged.length, tooNew: advice.length - judged.length, advice: judged } };
}
