// The admin's usage page: requests over time (for everyone, one user or one route), the busiest
// tokens, users and routes, and the live tokens by last use. Admins only.
import "server-only";
import type { Person } from "@/lib/access/caller";
import { assertAdmin } from "@/lib/access/checks";
import { db } from "@/lib/db";
import type { TokenKind } from "@/lib/generated/prisma/client";
import { date, num, readRoutes, readSeries, type RawNumber, type RouteUsage, type Totals, type UsageSeries } from "./queries";
import type { UsageRange } from "./range";
import { tokensByLastUseSql, topTokensSql, usageByUserSql } from "./sql";

/** Narrows the page to one user or one route; anything not shaped like one is ignored. */
export type OverviewFilter = { userId?: string; route?: string };

export type UsageOverview = {
  filter: OverviewFilter & { userName?: string };
  series: UsageSeries;
  /** A token no longer in the database (usage outlives it) has no name, kind or owner. */
  topTokens: (Totals & { tokenId: string; name: string | null; kind: TokenKind | null; ownerName: string | null })[];
  users: (Totals & { userId: string; name: string | null; email: string | null })[];
  routes: RouteUsage[];
  byLastUse: { id: string; name: string; kind: TokenKind; ownerName: string; createdAt: Date; lastUsedAt: Date | null }[];
};

const TABLE_ROWS = 20;
const LAST_USE_ROWS = 25;

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ROUTE = /^(GET|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9_{}/.-]{0,120}$/;

/** The filter from the query string: a user id and a route only when they are shaped like one. */
export function parseOverviewFilter(params: { user?: string | string[]; route?: string | string[] }): OverviewFilter {
  const filter: OverviewFilter = {};
  if (typeof params.user === "string" && USER_ID.test(params.user)) filter.userId = params.user;
  if (typeof params.route === "string" && ROUTE.test(params.route)) filter.route = params.route;
  return filter;
}

export async function usageOverview(caller: Person, range: UsageRange, filter: OverviewFilter = {}, now = Date.now()): Promise<UsageOverview> {
  assertAdmin(caller, "see everyone's usage");
  const series = await readSeries(filter, range, now);
  const within = { ...filter, from: series.from, to: series.to };
  const [tokens, users, routes, byLastUse, named] = await Promise.all([
    db.$queryRaw<{ tokenId: string; requests: RawNumber; errors: RawNumber; name: string | null; kind: TokenKind | null; ownerName: string | null }[]>(topTokensSql(within, TABLE_ROWS)),
    db.$queryRaw<{ userId: string; requests: RawNumber; errors: RawNumber; name: string | null; email: string | null }[]>(usageByUserSql(within, TABLE_ROWS)),
    readRoutes(within, TABLE_ROWS),
    db.$queryRaw<{ id: string; name: string; kind: TokenKind; ownerName: string; createdAt: Date | RawNumber; lastUsedAt: Date | RawNumber }[]>(tokensByLastUseSql(now, LAST_USE_ROWS)),
    filter.userId ? db.user.findUnique({ where: { id: filter.userId }, select: { name: true } }) : null,
  ]);
  return {
    filter: { ...filter, userName: named?.name },
    series,
    topTokens: tokens.map((t) => ({ tokenId: t.tokenId, name: t.name, kind: t.kind, ownerName: t.ownerName, requests: num(t.requests), errors: num(t.errors) })),
    users: users.map((u) => ({ userId: u.userId, name: u.name, email: u.email, requests: num(u.requests), errors: num(u.errors) })),
    routes,
    byLastUse: byLastUse.map((t) => ({ id: t.id, name: t.name, kind: t.kind, ownerName: t.ownerName, createdAt: date(t.createdAt)!, lastUsedAt: date(t.lastUsedAt) })),
  };
}
