// Reading usage for the admin's usage page and a token's detail page. Admins see everyone's; a
// person sees the usage of their own tokens, and someone else's token is not there for them.
import "server-only";
import type { Person } from "@/lib/access/caller";
import { assertAdmin } from "@/lib/access/checks";
import { parseScopes, type Scope } from "@/lib/access/scopes";
import { db } from "@/lib/db";
import type { TokenKind } from "@/lib/generated/prisma/client";
import { Refusal } from "@/lib/refusal";
import { usageWindow, type UsageRange } from "./range";
import { tokenDetailSql, tokenNetworksSql, usageByRouteSql, usageSeriesSql, type UsageFilter } from "./sql";

export type UsagePoint = { t: number; requests: number; errors: number };
export type Totals = { requests: number; errors: number };
export type RouteUsage = Totals & { route: string };
export type UsageSeries = { from: number; to: number; bucketMs: number; points: UsagePoint[]; totals: Totals };

/** Raw reads answer integers as number or bigint, and times as Date or milliseconds, by driver. */
export type RawNumber = number | bigint | null;
export const num = (value: RawNumber): number => Number(value ?? 0);
export const date = (value: Date | RawNumber): Date | null => (value === null ? null : value instanceof Date ? value : new Date(Number(value)));

/** Whether the person is an admin allowed to see everyone's usage: the same rule as assertAdmin's. */
export function seesAllUsage(caller: Person): boolean {
  try {
    assertAdmin(caller, "see everyone's usage");
    return true;
  } catch (error) {
    if (error instanceof Refusal) return false;
    throw error;
  }
}

/** Requests and errors in every bucket of the range, zero where there were none, and their totals. */
export async function readSeries(filter: Omit<UsageFilter, "from" | "to">, range: UsageRange, now: number): Promise<UsageSeries> {
  const { from, to, bucketMs } = usageWindow(range, now);
  const rows = await db.$queryRaw<{ bucket: RawNumber; requests: RawNumber; errors: RawNumber }[]>(usageSeriesSql({ ...filter, from, to }, bucketMs));
  const byBucket = new Map(rows.map((r) => [num(r.bucket) * bucketMs, r]));
  const points: UsagePoint[] = [];
  for (let t = from; t < to; t += bucketMs) {
    const row = byBucket.get(t);
    points.push({ t, requests: row ? num(row.requests) : 0, errors: row ? num(row.errors) : 0 });
  }
  const totals = points.reduce((sum, p) => ({ requests: sum.requests + p.requests, errors: sum.errors + p.errors }), { requests: 0, errors: 0 });
  return { from, to, bucketMs, points, totals };
}

export async function readRoutes(filter: UsageFilter, limit: number): Promise<RouteUsage[]> {
  const rows = await db.$queryRaw<{ route: string; requests: RawNumber; errors: RawNumber }[]>(usageByRouteSql(filter, limit));
  return rows.map((r) => ({ route: r.route, requests: num(r.requests), errors: num(r.errors) }));
}

/** The share of requests that failed, 0 when there were none. */
export function errorRate(totals: Totals): number {
  return totals.requests === 0 ? 0 : totals.errors / totals.requests;
}

type TokenStatus = "active" | "grace" | "expired" | "revoked";

export type TokenUsageDetail = {
  token: {
    id: string;
    name: string;
    kind: TokenKind;
    scopes: Scope[];
    deviceName: string | null;
    owner: { id: string; name: string; email: string };
    status: TokenStatus;
    createdAt: Date;
    expiresAt: Date;
    lastUsedAt: Date | null;
    lastUsedIp: string | null;
  };
  series: UsageSeries;
  routes: RouteUsage[];
  networks: { network: string; firstSeenAt: Date; lastSeenAt: Date }[];
};

type TokenRow = {
  id: string;
  name: string;
  kind: TokenKind;
  scopes: string;
  userId: string;
  createdAt: Date | RawNumber;
  expiresAt: Date | RawNumber;
  revokedAt: Date | RawNumber;
  graceEndsAt: Date | RawNumber;
  lastUsedAt: Date | RawNumber;
  lastUsedIp: string | null;
  deviceName: string | null;
  ownerName: string;
  ownerEmail: string;
};

const MAX_NETWORKS = 100;
const MAX_ROUTES = 50;

/**
 * One token's usage over the range: its requests over time, errors, routes and networks. Null when
 * there is no such token or the caller is neither its owner nor an admin, so that a page answers
 * 404 and tells a stranger nothing, not even that the token exists.
 */
export async function tokenUsage(caller: Person, tokenId: string, range: UsageRange, now = Date.now()): Promise<TokenUsageDetail | null> {
  if (tokenId.length > 100) return null;
  const [row] = await db.$queryRaw<TokenRow[]>(tokenDetailSql(tokenId, seesAllUsage(caller) ? null : caller.userId));
  if (!row) return null;
  const series = await readSeries({ tokenId: row.id }, range, now);
  const [routes, networks] = await Promise.all([
    readRoutes({ tokenId: row.id, from: series.from, to: series.to }, MAX_ROUTES),
    db.$queryRaw<{ network: string; firstSeenAt: Date | RawNumber; lastSeenAt: Date | RawNumber }[]>(tokenNetworksSql(row.id, MAX_NETWORKS)),
  ]);
  return {
    token: {
      id: row.id,
      name: row.name,
      kind: row.kind,
      scopes: parseScopes(row.scopes),
      deviceName: row.deviceName,
      owner: { id: row.userId, name: row.ownerName, email: row.ownerEmail },
      status: statusOf(row, now),
      createdAt: date(row.createdAt)!,
      expiresAt: date(row.expiresAt)!,
      lastUsedAt: date(row.lastUsedAt),
      lastUsedIp: row.lastUsedIp,
    },
    series,
    routes,
    networks: networks.map((n) => ({ network: n.network, firstSeenAt: date(n.firstSeenAt)!, lastSeenAt: date(n.lastSeenAt)! })),
  };
}

/** The token's status as lib/tokens/views.ts tells it (lib/usage may not import lib/tokens). */
function statusOf(row: Pick<TokenRow, "revokedAt" | "expiresAt" | "graceEndsAt">, now: number): TokenStatus {
  if (row.revokedAt !== null) return "revoked";
  if (date(row.expiresAt)!.getTime() <= now) return "expired";
  const grace = date(row.graceEndsAt);
  if (grace) return grace.getTime() <= now ? "expired" : "grace";
  return "active";
}
